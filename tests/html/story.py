"""A short news story, the article of the HTML test pages."""

PARAGRAPHS = [
    "The council agreed on Tuesday to rebuild the old footbridge over the river, "
    "which has been closed since the floods of last winter left its piers cracked.",
    "Engineers said the new bridge would take eighteen months to build and would be "
    "wide enough for bicycles as well as people walking to the market on Saturdays.",
    "Residents who had campaigned for the bridge for two years welcomed the vote, "
    "although some said the cost had risen far beyond the first estimate.",
]
