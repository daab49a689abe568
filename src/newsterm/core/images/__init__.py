"""Pictures of stories: fetched politely, kept in a bounded cache, decoded with bounds."""
