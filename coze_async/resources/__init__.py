"""One module per resource family; each holds the async client and its sync twin."""
