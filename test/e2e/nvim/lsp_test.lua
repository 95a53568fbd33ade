-- The costlint language server in Neovim (0.7+), headless: a second LSP client proving the
-- server is editor-neutral. Run by run.sh: nvim --headless --clean -c 'luafile lsp_test.lua'.
-- Env: COSTLINT_SERVER (dist/server.js), COSTLINT_FILE (a TypeScript file with two LLM calls).
local server = assert(os.getenv('COSTLINT_SERVER'), 'COSTLINT_SERVER is not set')
local file = assert(os.getenv('COSTLINT_FILE'), 'COSTLINT_FILE is not set')
local passed, failed = 0, 0

local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
local function finish()
  out(string.format('RESULT %d %d', passed, failed))
  io.stdout:flush()
  vim.cmd(failed == 0 and 'qa!' or 'cq 1')
end

vim.cmd('edit ' .. file)
vim.bo.filetype = 'typescript'
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'costlint',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h:h'),
  init_options = { trusted = false },
  settings = { costlint = { usage = { monthlyCalls = 25000 } } },
  -- Neovim 0.7 does not announce workspace/configuration: push the settings, as its docs advise.
  on_init = function(c) c.notify('workspace/didChangeConfiguration', { settings = c.config.settings }) end,
})
if not check('the server starts', client_id ~= nil) then return finish() end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
local uri = vim.uri_from_bufnr(bufnr)

local function costlint_diagnostics(code)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'costlint' and (code == nil or d.code == code) then table.insert(list, d) end
  end
  return list
end

-- Diagnostics
local got = vim.wait(60000, function() return #costlint_diagnostics() >= 3 end, 50)
if not check('diagnostics arrive after open', got, #costlint_diagnostics() .. ' diagnostics') then return finish() end
for _, d in ipairs(costlint_diagnostics()) do out(string.format('  %d:%d [%s] %s', d.lnum + 1, d.col + 1, d.code or '', d.message)) end
check('two missing-max-tokens diagnostics', #costlint_diagnostics('missing-max-tokens') == 2)
local frontier = costlint_diagnostics('frontier-model-default')[1]
check('frontier-model-default on line 6 with a docs link', frontier ~= nil and frontier.lnum == 5
  and frontier.user_data.lsp.codeDescription.href:match('frontier%-model%-default%.md$') ~= nil)

-- Hover on the model argument
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 5, character = 14 } }, 20000)
local hover_text = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value or ''
check('hover shows the price row and its date', hover_text:match('Price: `[^`]*gpt%-5') ~= nil and hover_text:match('as of') ~= nil, hover_text)
check('hover shows the volume setting as the source', hover_text:match('Calls per month: 25,000') ~= nil, hover_text)

-- Code lenses, resolved by Neovim's own codelens module
vim.lsp.codelens.refresh()
local resolved = vim.wait(20000, function()
  local lenses = vim.lsp.codelens.get(bufnr)
  if #lenses < 2 then return false end
  for _, l in ipairs(lenses) do if not (l.command and l.command.title) then return false end end
  return true
end, 50)
local lenses = vim.lsp.codelens.get(bufnr)
local title = lenses[1] and lenses[1].command and lenses[1].command.title or ''
check('code lenses resolved above both calls', resolved and #lenses == 2, #lenses .. ' lenses')
check('lens title: monthly cost at 25,000 calls and its source', title:match('^≈ %$[%d,.]+/mo at 25,000 calls · editor setting') ~= nil, title)

-- Inlay hints (0.7 has no UI for them: the request itself)
local hints = vim.lsp.buf_request_sync(bufnr, 'textDocument/inlayHint', { textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = 20, character = 0 } } }, 20000)
local labels = {}
for _, h in ipairs(hints and hints[client_id] and hints[client_id].result or {}) do table.insert(labels, h.label) end
local per_call = 0
for _, l in ipairs(labels) do if l:match('≈ %$[%d.e-]+/call$') then per_call = per_call + 1 end end
check('an inlay hint with ≈ $/call after each call', per_call == 2, table.concat(labels, ' | '))

-- A code action applied: add the output cap
local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 4)
local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = { line = 4, character = 0 }, ['end'] = { line = 4, character = 0 } },
  context = { diagnostics = line_diags, only = { 'quickfix' } },
}, 20000)
local fix
for _, a in ipairs(actions and actions[client_id] and actions[client_id].result or {}) do
  if a.isPreferred and a.edit then fix = a end
end
if check('a preferred quick fix for missing-max-tokens', fix ~= nil and fix.title == 'Add max_completion_tokens: 1024', fix and fix.title) then
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  check('the fix is in the buffer', text:match('max_completion_tokens: 1024') ~= nil)
  local updated = vim.wait(20000, function() return #costlint_diagnostics('missing-max-tokens') == 1 end, 50)
  check('after the edit, one missing-max-tokens diagnostic is left', updated, #costlint_diagnostics('missing-max-tokens') .. ' left')
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
finish()
