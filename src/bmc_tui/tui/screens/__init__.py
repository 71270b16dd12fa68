"""Screens of the canvas editor."""
