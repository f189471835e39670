"""The desktop window. The only package in the project that imports PyQt5."""
