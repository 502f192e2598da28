"""The page number of a paged list, from ?side=: read one way by every list and by the page's
canonical address."""

import re

PARAMETER = "side"
# A minus and ASCII digits: str.isdigit() also takes «²» (which int() refuses) and «٣» (which
# int() reads as 3). Eighteen digits reach past any list; int() of thousands of them raises.
PAGE_NUMBER = re.compile(r"-?[0-9]{1,18}")


def requested_page(request):
    """The page asked for, as Paginator.get_page() takes it: a number (one below 1 or past the
    last page shows the last page), or None for anything else, which shows the first page, as
    «?side=tull» always did."""
    value = request.GET.get(PARAMETER, "")
    return int(value) if PAGE_NUMBER.fullmatch(value) else None
