"""One router per noun of the API."""
