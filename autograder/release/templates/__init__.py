"""Files copied into the student release as they are (kept as modules so they ship with the kit)."""
