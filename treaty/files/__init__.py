"""Reading and writing project files safely: regular, inside the project, bounded, atomic."""
