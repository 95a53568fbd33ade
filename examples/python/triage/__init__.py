"""Ticket triage: answers, tags and summarises support tickets with LLMs."""
