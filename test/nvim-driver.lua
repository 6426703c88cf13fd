-- The Neovim test's driver (test/install.test.ts), run by `nvim --headless -u <the README's snippet>
-- -c 'luafile test/nvim-driver.lua'`: opens the Service, waits for its diagnostics, edits it, applies
-- the quick fix from the code action menu; everything observed goes to $KUBEWIRE_RESULT as JSON lines.
local result = os.getenv('KUBEWIRE_RESULT')
local lines = {}
local function record(step, value)
  table.insert(lines, vim.fn.json_encode({ step = step, value = value }))
  vim.fn.writefile(lines, result)
end
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out, { line = d.lnum, col = d.col, message = d.message, code = d.code or lsp.code, source = d.source })
  end
  table.sort(out, function(a, b) return a.line < b.line end)
  return out
end
local function wait_for(step, pred)
  local ok = vim.wait(30000, function() return pred(diagnostics()) end, 50)
  record(step, { ok = ok, diagnostics = diagnostics() })
  return ok
end
local function has(code) return function(ds) for _, d in ipairs(ds) do if d.code == code then return true end end return false end end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('KUBEWIRE_SERVICE')))
if wait_for('opened', has('service-selector-matches-nothing')) then
  record('clients', vim.tbl_map(function(c) return c.name end, vim.lsp.get_active_clients()))
  -- An edit: the selector fixed, the targetPort mistyped.
  local text = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i, l in ipairs(text) do
    if l:match('app: webb') then vim.api.nvim_buf_set_lines(0, i - 1, i, false, { (l:gsub('app: webb', 'app: web')) }) end
    if l:match('targetPort: http') then vim.api.nvim_buf_set_lines(0, i - 1, i, false, { (l:gsub('targetPort: http', 'targetPort: htp')) }) end
  end
  if wait_for('edited', function(ds) return has('service-target-port-missing')(ds) and not has('service-selector-matches-nothing')(ds) end) then
    -- The quick fix, as a user picks it from the code action menu.
    for _, d in ipairs(diagnostics()) do
      if d.code == 'service-target-port-missing' then vim.api.nvim_win_set_cursor(0, { d.line + 1, d.col }) end
    end
    local offered = {}
    vim.ui.select = function(items, opts, on_choice)
      for i, item in ipairs(items) do
        table.insert(offered, opts.format_item and opts.format_item(item) or tostring(i))
      end
      on_choice(items[1], 1)
    end
    vim.lsp.buf.code_action()
    wait_for('fixed', function(ds) return #ds == 0 end)
    record('offered', offered)
    record('buffer', vim.api.nvim_buf_get_lines(0, 0, -1, false))
  end
end
vim.cmd('qa!')
