"""The Cheshire East demo: "You Decide 2026 — public health" with its groups, proposals and accounts."""
