"""The only code that talks to the network: fetching, finding a page's feed, opening a URL."""
