"""Lesson furniture that turns the data into a class: document cards, the rubric for written
claims, and the prompts students write in."""
