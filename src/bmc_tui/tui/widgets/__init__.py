"""Widgets of the canvas editor."""
