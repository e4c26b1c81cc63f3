"""Renderers: each turns a page into bytes or text and never writes files."""
