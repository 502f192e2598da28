"""Moderation of input in the Wagtail admin: listing, form, bulk actions, downloads, rounds.

permissions.py   who may do what (nobody adds or deletes input)
filters.py       the listing's filters and search, shared with exports and bulk actions
decisions.py     a moderator's decision, carried out through participation.services
forms.py         the moderator's form and the bulk «Ikke publiser» reason
panels.py        what the sender sent, read-only in the form
bulk_actions.py  «Publiser» and «Ikke publiser» on many at once
views.py         listing, form, attachment download, rounds overview and ZIP
viewsets.py      the «Innspill» menu and its addresses
dashboard.py     the moderators' panel on the admin's home page: what waits for them
assignment.py    who can be a case officer («Saksbehandler»)
worklist.py      «Lagre og gå til neste»: the next input in the round that waits
tags.py          «Stikkord»: the rounds' tags, kept tidy
"""
