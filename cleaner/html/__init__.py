"""HTML in: prune selectors, then reduce the page to its body with trafilatura.
Imported only when HTML is met: text mode never pays for lxml."""
