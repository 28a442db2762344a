"""Learning a corpus's own boilerplate: site packs found in the pages of each site."""
