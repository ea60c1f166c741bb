"""The page's logic without the page: what ``dashboard.py`` decides, as plain functions.

``dashboard.py`` reads widgets, calls ``analytics`` and shows results; the bookkeeping between
reruns (which event is open, which message belongs to which panel), the download selection and
the wording of its panels live here, so they are typed, tested and free of Streamlit (the
``no-streamlit`` import contract). Session state is passed in as a plain mapping.
"""
