"""Tools for authors, around the pipeline: paste an article in, draft its fact sheet, start a project."""
