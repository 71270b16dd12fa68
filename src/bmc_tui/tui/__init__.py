"""The terminal editor: the Textual app, its screens, widgets, dialogs and styles."""
