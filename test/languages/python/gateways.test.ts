import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, textAt, useGrammar } from './support';

describe('python extractor: litellm, LangChain, mistralai, cohere, wrappers', () => {
  useGrammar();

  it('litellm: the provider comes from the model string; num_retries and metadata are read', () => {
    const code = `import litellm
from litellm import completion

completion(model="anthropic/claude-3-5-haiku-20241022", messages=[{"role": "user", "content": "x"}], num_retries=3)
litellm.acompletion(model="gpt-4o-mini", messages=[], max_tokens=10, metadata={"team": "a"})
litellm.embedding(model="cohere/embed-english-v3.0", input=["a"])
`;
    const [haiku, mini, embed] = calls(code);
    assert.deepEqual([haiku.provider, haiku.cacheSupport, haiku.model.value], ['anthropic', 'explicit', 'anthropic/claude-3-5-haiku-20241022']);
    assert.deepEqual(haiku.retry.map((r) => [r.kind, r.maxAttempts, textAt(code, r.range)]), [['client', 3, 'num_retries=3']]);
    assert.deepEqual([mini.provider, mini.outputCap?.value, mini.metadata?.keys], ['openai', 10, ['team']]);
    assert.deepEqual([embed.provider, embed.api], ['cohere', 'embeddings']);
  });

  it('litellm Router calls: an alias is priced as the deployment its model_list names', () => {
    const code = `from litellm import Router

model_list = [
    {"model_name": "fast", "litellm_params": {"model": "azure/gpt-4o-mini", "api_base": "https://example.openai.azure.com"}},
    {"model_name": "smart", "litellm_params": {"model": "anthropic/claude-sonnet-4-5"}},
]
router = Router(model_list=model_list, num_retries=2)
router.completion(model="smart", messages=[])
router.completion(model="claude-haiku-4-5", messages=[])
`;
    const [smart, direct] = calls(code);
    assert.deepEqual([smart.sdk, smart.provider, smart.retry.length], ['litellm', 'anthropic', 1]);
    assert.deepEqual(smart.model, { value: 'anthropic/claude-sonnet-4-5', source: 'constant', anchor: { range: at(code, '"anthropic/claude-sonnet-4-5"'), kind: 'value' } });
    assert.deepEqual([direct.provider, direct.model.value], ['anthropic', 'claude-haiku-4-5']);
  });

  it('LangChain: a model invoked with message objects; the cap is added to the constructor', () => {
    const code = `from langchain_openai import ChatOpenAI
from langchain_core.messages import SystemMessage, HumanMessage

llm = ChatOpenAI(model="gpt-4o", temperature=0, max_retries=2)
llm.invoke([SystemMessage(content="Be nice"), HumanMessage("hello")])
`;
    const call = only(code);
    assert.deepEqual([call.provider, call.sdk, call.api, call.outputCapKey], ['openai', 'langchain', 'chat', 'max_tokens']);
    assert.deepEqual(call.options, { range: at(code, '(model="gpt-4o", temperature=0, max_retries=2)'), kind: 'call' });
    assert.deepEqual(promptOf(call), ['static system #0 "Be nice"', 'static user #1 "hello"']);
    assert.deepEqual(call.retry.map((r) => [r.maxAttempts, r.boundKey]), [[2, 'max_retries']]);
  });

  it('LangChain LCEL: the prompt template piped into the model is the prompt, its variables dynamic', () => {
    const code = `from langchain_anthropic import ChatAnthropic
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.output_parsers import StrOutputParser

prompt = ChatPromptTemplate.from_messages([
    ("system", "You are a world class technical writer."),
    ("placeholder", "{history}"),
    ("user", "Question: {input}"),
])
llm = ChatAnthropic(model_name="claude-3-5-haiku-latest", max_tokens=200)
chain = prompt | llm.with_structured_output(Answer) | StrOutputParser()
chain.invoke({"input": "how can tests help?"})
`;
    const call = only(code);
    assert.equal(textAt(code, call.calleeRange), 'chain.invoke');
    assert.deepEqual([call.provider, call.model.value, call.outputCap?.value], ['anthropic', 'claude-3-5-haiku-latest', 200]);
    assert.deepEqual(promptOf(call), [
      'static system #0 "You are a world class technical writer."',
      'dynamic user #1 history {history}',
      'static user #2 "Question: "',
      'dynamic user #2 variable {input}',
    ]);
  });

  it('LangChain: a model built but never invoked here still names its model; init_chat_model names the provider', () => {
    const code = `from langchain.chat_models import init_chat_model
from langchain_google_genai import ChatGoogleGenerativeAI

agent_llm = ChatGoogleGenerativeAI(model="gemini-2.5-pro")
fast = init_chat_model("openai:gpt-4.1-mini", temperature=0)
fast.invoke("hi")
judge = init_chat_model("claude-sonnet-4-5", model_provider="anthropic", max_tokens=100)
`;
    const found = calls(code);
    assert.deepEqual(
      found.map((c) => [textAt(code, c.calleeRange), c.provider, c.model.value, c.outputCapKey]),
      [
        ['ChatGoogleGenerativeAI', 'google', 'gemini-2.5-pro', 'max_output_tokens'],
        ['fast.invoke', 'openai', 'gpt-4.1-mini', 'max_tokens'],
        ['init_chat_model', 'anthropic', 'claude-sonnet-4-5', 'max_tokens'],
      ],
    );
    assert.deepEqual(found[1].model.anchor, { range: at(code, '"openai:gpt-4.1-mini"'), kind: 'value' });
  });

  it('mistralai: chat.complete, streams and embeddings', () => {
    const code = `from mistralai import Mistral

client = Mistral(api_key="k")
client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": "x"}])
client.chat.stream(model="mistral-small-latest", messages=[], max_tokens=64)
client.embeddings.create(model="mistral-embed", inputs=["a"])
`;
    const found = calls(code);
    assert.deepEqual(
      found.map((c) => [c.provider, c.api, c.streaming, c.outputCap?.value ?? null, c.cacheSupport]),
      [
        ['mistral', 'chat', false, null, 'none'],
        ['mistral', 'chat', true, 64, 'none'],
        ['mistral', 'embeddings', false, null, 'none'],
      ],
    );
  });

  it('cohere: v1 chat with a preamble and history, v2 chat, embed', () => {
    const code = `import cohere

co = cohere.Client("key")
co.chat(message="hi", preamble="be terse", chat_history=[{"role": "USER", "message": "a"}, {"role": "CHATBOT", "message": "b"}], model="command-r")
v2 = cohere.ClientV2()
v2.chat(model="command-r-plus", messages=[{"role": "user", "content": "x"}], max_tokens=50)
v2.embed(texts=["a"], model="embed-english-v3.0", input_type="search_document")
`;
    const [v1, chat, embed] = calls(code);
    assert.deepEqual(promptOf(v1), ['static system #0 "be terse"', 'static user #0 "a"', 'static assistant #1 "b"', 'static user #2 "hi"']);
    assert.deepEqual([chat.provider, chat.outputCap?.value], ['cohere', 50]);
    assert.deepEqual([embed.api, embed.outputCapKey], ['embeddings', null]);
  });

  it('a team’s own wrapper (config wrappers) reads like a direct call', () => {
    const code = `from app.llm import ask_llm

ask_llm("gpt-4o", f"Summarise {ticket}", {"max_tokens": 200})
`;
    const call = only(code, [{ name: 'ask_llm', model: 0, prompt: 1, options: 2 }]);
    assert.deepEqual([call.sdk, call.provider, call.model.value, call.outputCap?.value], ['wrapper:ask_llm', 'openai', 'gpt-4o', 200]);
    assert.deepEqual(promptOf(call), ['static user #0 "Summarise "', 'dynamic user #0 variable ticket']);
    assert.deepEqual(call.options, { range: at(code, '{"max_tokens": 200}'), kind: 'map' });
  });
});
