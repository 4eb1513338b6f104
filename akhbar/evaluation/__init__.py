"""Evaluations of akhbar's text analyses against hand-annotated gold sets."""
