"""Tests of the instructor tools: the student release and the nbgrader course."""
