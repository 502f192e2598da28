"""Moderation of input in the Wagtail admin."""

from participation.moderation.viewsets import SubmissionViewSet

__all__ = ["SubmissionViewSet"]
