"""Strike-events dashboard: upload articles, see, filter and download the strikes they report.

A thin layer: read widgets, call ``analytics``, show results.
"""

import streamlit as st

st.set_page_config(page_title="Strike events", layout="wide")
st.title("Strike events")
st.caption("Long-range strikes extracted from news articles, with the sentence behind every number.")
st.info("No events yet: upload article files in the sidebar.")
