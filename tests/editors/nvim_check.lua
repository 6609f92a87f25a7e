-- Headless Neovim check of pygloss, run by tests/editors/run_nvim.sh:
--   nvim --headless -u NONE -c "luafile tests/editors/nvim_check.lua"
-- Uses the setup snippet of docs/editors.md (tests/editors/nvim/pygloss.lua) on
-- files from examples/: a PG101 diagnostic, its quick fix applied to the buffer
-- through the real code-action UI path, and a hover's text.  Exit status 0 = pass.
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local repo = vim.fn.fnamemodify(here, ":h:h")
package.path = here .. "/nvim/?.lua;" .. package.path
local pygloss = require("pygloss")

local function out(...) io.stdout:write(table.concat({ ... }, " ") .. "\n") end
local function fail(msg) out("FAIL: " .. msg); vim.cmd("cquit 1") end
local cmd = vim.split(os.getenv("PYGLOSS_CMD") or "pygloss serve", " ", { trimempty = true })

pygloss.setup({ cmd = cmd, settings = { pygloss = { diagnostics = { debounceMs = 0 } } } })
vim.cmd("filetype on")

-- 1. the PG101 diagnostic of examples/orders.py
vim.cmd("edit " .. repo .. "/examples/orders.py")
local orders = vim.api.nvim_get_current_buf()
local function pg101()
  for _, d in ipairs(vim.diagnostic.get(orders)) do
    if d.code == "PG101" and d.source == "pygloss" then return d end
  end
end
if not vim.wait(20000, function() return pg101() ~= nil end, 50) then fail("no PG101 diagnostic") end
local d = pg101()
out("DIAGNOSTIC:", (d.lnum + 1) .. ":" .. (d.col + 1), d.code, d.message)
local line = vim.api.nvim_buf_get_lines(orders, d.lnum, d.lnum + 1, false)[1]
if line:sub(d.col + 1, d.end_col) ~= "[]" then fail("diagnostic range is not the default: " .. line) end

-- 2. apply the quick fix the way a user does: code action menu, pick the fix
local before = table.concat(vim.api.nvim_buf_get_lines(orders, 0, -1, false), "\n")
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local offered = {}
vim.ui.select = function(items, _, on_choice)
  local chosen
  for index, item in ipairs(items) do
    local action = item[2] or item.action or item -- {client_id, action} in 0.7
    table.insert(offered, action.title)
    if not chosen and action.title:match("^Default to None") then chosen = index end
  end
  on_choice(chosen and items[chosen], chosen)
end
vim.lsp.buf.code_action()
local function fixed()
  return table.concat(vim.api.nvim_buf_get_lines(orders, 0, -1, false), "\n")
end
if not vim.wait(20000, function() return fixed() ~= before end, 50) then
  fail("the quick fix did not change the buffer; offered: " .. table.concat(offered, " | "))
end
out("CODE-ACTIONS:", table.concat(offered, " | "))
local after = fixed()
if not after:find("history=None", 1, true) or not after:find("if history is None:", 1, true) then
  fail("unexpected buffer after the fix:\n" .. after)
end
out("FIXED:", vim.api.nvim_buf_get_lines(orders, d.lnum, d.lnum + 3, false)[1], "/",
  vim.trim(vim.api.nvim_buf_get_lines(orders, d.lnum + 1, d.lnum + 2, false)[1]))

-- 3. a hover on @mock.patch in examples/test_orders.py
vim.cmd("edit " .. repo .. "/examples/test_orders.py")
local tests = vim.api.nvim_get_current_buf()
local client_id = pygloss.attach(tests, { cmd = cmd })
vim.wait(10000, function() return #vim.lsp.buf_get_clients(tests) > 0 end, 50)
local row
for i, text in ipairs(vim.api.nvim_buf_get_lines(tests, 0, -1, false)) do
  if text:find('@mock.patch("examples.orders.charge_card")', 1, true) then row = i end
end
if not row then fail("no @mock.patch line in examples/test_orders.py") end
vim.api.nvim_win_set_cursor(0, { row, 11 })
local res = vim.lsp.buf_request_sync(tests, "textDocument/hover", vim.lsp.util.make_position_params(), 20000)
local hover = res and res[client_id] and res[client_id].result
if not hover then fail("no hover result") end
local text = hover.contents.value
out("HOVER:", vim.split(text, "\n")[1])
if not text:find("unittest.mock.patch", 1, true) then fail("hover does not explain mock.patch") end
if not text:find("| `mock_charge_card` | `examples.orders.charge_card` (bottom decorator) |", 1, true) then
  fail("hover lacks the parameter table:\n" .. text)
end

vim.lsp.stop_client(vim.lsp.get_active_clients())
out("OK")
vim.cmd("qa!")
