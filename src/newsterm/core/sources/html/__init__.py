"""Web pages and feed items' HTML to the document model's blocks."""
