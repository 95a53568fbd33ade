"""Translates replies with Gemini; the gateway in front of it caps output."""

from google import genai
from google.genai import types
from tenacity import retry, stop_after_attempt, wait_exponential

client = genai.Client()


@retry(wait=wait_exponential(min=1, max=30), stop=stop_after_attempt(4))
def translate(text: str, language: str) -> str:
    # costlint-disable-next-line missing-max-tokens -- the API gateway caps output at 512 tokens
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=text,
        config=types.GenerateContentConfig(
            system_instruction=f"Translate the customer's message into {language}.",
            labels={"team": "triage"},
        ),
    )
    return response.text
