"""Moderation of input in the Wagtail admin: listing, form, bulk actions, downloads, rounds.

permissions.py   who may do what (nobody adds or deletes input)
filters.py       the listing's filters and search, shared with exports and bulk actions
decisions.py     a moderator's decision, carried out through participation.services
forms.py         the moderator's form and the bulk «Ikke publiser» reason
panels.py        what the sender sent, read-only in the form
bulk_actions.py  «Publiser» and «Ikke publiser» on many at once
views.py         listing, form, attachment download, rounds overview and ZIP
viewsets.py      the «Innspill» menu and its addresses
"""
