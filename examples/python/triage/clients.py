"""One client per provider, shared by the whole app."""

import anthropic
from openai import OpenAI

openai_client = OpenAI()

# Retries forever on rate limits: a stuck request is paid for again and again.
claude = anthropic.Anthropic(max_retries=float("inf"))
