"""Participation rounds and input (innspill): built in the participation issue."""
