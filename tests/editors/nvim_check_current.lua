-- Headless check of the current Neovim setup (docs/editors.md, Neovim 0.11+:
-- tests/editors/nvim/init.lua), run by tests/editors/run_nvim_current.sh:
--   nvim --headless --clean -c "luafile tests/editors/nvim_check_current.lua"
-- On files from examples/: the pulled PG101 diagnostic (plain text), its quick fix
-- through the code-action menu, "Explain PG101" opening the rule's page as text, a hover float rendered as Markdown (tree-sitter,
-- link targets and code backticks concealed, the parameter table's rows), the inlay
-- hints, and the server's exit status after Neovim stops it.  Exit status 0 = pass.
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local repo = vim.fn.fnamemodify(here, ":h:h")

local function out(...) io.stdout:write(table.concat({ ... }, " ") .. "\n") end
local function fail(msg) out("FAIL: " .. msg); vim.cmd("cquit 1") end
if vim.fn.has("nvim-0.11") ~= 1 then fail("this check needs Neovim 0.11+: " .. tostring(vim.version())) end
out("NEOVIM:", tostring(vim.version()))
vim.o.lines, vim.o.columns = 60, 140

dofile(here .. "/nvim/init.lua") -- the setup as the docs show it
local exit_code
vim.lsp.config("pygloss", {
  cmd = vim.split(os.getenv("PYGLOSS_CMD") or "pygloss serve", " ", { trimempty = true }),
  settings = { pygloss = { diagnostics = { debounceMs = 0 }, inlayHints = true } },
  on_exit = function(code) exit_code = code end,
})

local function screen()
  vim.cmd("redraw!")
  local rows = {}
  for r = 1, vim.o.lines do
    local chars = {}
    for c = 1, vim.o.columns do chars[#chars + 1] = vim.fn.screenstring(r, c) end
    rows[#rows + 1] = table.concat(chars)
  end
  return table.concat(rows, "\n")
end

-- 1. the PG101 diagnostic of examples/orders.py, as plain text
vim.cmd("edit " .. repo .. "/examples/orders.py")
local orders = vim.api.nvim_get_current_buf()
local function pg101()
  for _, d in ipairs(vim.diagnostic.get(orders)) do
    if d.code == "PG101" and d.source == "pygloss" then return d end
  end
end
if not vim.wait(30000, function() return pg101() ~= nil end, 50) then fail("no PG101 diagnostic") end
local d = pg101()
out("DIAGNOSTIC:", (d.lnum + 1) .. ":" .. (d.col + 1), d.code, d.message)
if d.message:find("`", 1, true) then fail("backticks in the diagnostic message: " .. d.message) end
local line = vim.api.nvim_buf_get_lines(orders, d.lnum, d.lnum + 1, false)[1]
if line:sub(d.col + 1, d.end_col) ~= "[]" then fail("diagnostic range is not the default: " .. line) end

-- 2. the quick fix, picked from the code-action menu
local before = table.concat(vim.api.nvim_buf_get_lines(orders, 0, -1, false), "\n")
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local offered = {}
vim.ui.select = function(items, _, on_choice)
  local chosen
  for index, item in ipairs(items) do
    table.insert(offered, item.action.title)
    if not chosen and item.action.title:match("^Default to None") then chosen = index end
  end
  on_choice(chosen and items[chosen], chosen)
end
vim.lsp.buf.code_action()
local function text_of(buf) return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") end
if not vim.wait(20000, function() return text_of(orders) ~= before end, 50) then
  fail("the quick fix did not change the buffer; offered: " .. table.concat(offered, " | "))
end
out("CODE-ACTIONS:", table.concat(offered, " | "))
if not text_of(orders):find("if history is None:", 1, true) then fail("unexpected fix:\n" .. text_of(orders)) end
vim.cmd("write! " .. vim.fn.tempname() .. ".py") -- keep examples/ as it is

-- "Explain PG101" (on the fixed line: the diagnostic is gone, so ask on a fresh copy)
vim.cmd("edit! " .. repo .. "/examples/orders.py")
orders = vim.api.nvim_get_current_buf()
if not vim.wait(30000, function() return pg101() ~= nil end, 50) then fail("no PG101 after reload") end
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
vim.ui.select = function(items, _, on_choice)
  for index, item in ipairs(items) do
    if item.action.title == "Explain PG101" then return on_choice(item, index) end
  end
  on_choice(nil, nil)
end
vim.lsp.buf.code_action()
local function page_buffer()
  local name = vim.api.nvim_buf_get_name(vim.api.nvim_get_current_buf())
  return name:match("pg101%-mutable%-default%.md$") and name
end
if not vim.wait(20000, page_buffer, 50) then fail("Explain PG101 opened nothing") end
local page = text_of(vim.api.nvim_get_current_buf())
out("EXPLAIN OPENED:", vim.fn.fnamemodify(page_buffer(), ":t"), "-", vim.split(page, "\n")[1])
if page:find("+++", 1, true) or not page:find("^# PG101") then fail("Explain PG101 opened:\n" .. page) end
vim.cmd("enew!")

-- 3. the hover on @mock.patch in examples/test_orders.py, rendered
vim.cmd("edit " .. repo .. "/examples/test_orders.py")
local tests = vim.api.nvim_get_current_buf()
vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = tests, name = "pygloss" }) > 0 end, 50)
local row
for i, text in ipairs(vim.api.nvim_buf_get_lines(tests, 0, -1, false)) do
  if text:find('@mock.patch("examples.orders.charge_card")', 1, true) then row = i end
end
if not row then fail("no @mock.patch line in examples/test_orders.py") end
vim.api.nvim_win_set_cursor(0, { row, 11 })
vim.cmd("redraw") -- (headless: the float is placed from the cursor's screen column)
local float
for _ = 1, 20 do -- the server may still be warming up: ask again until a hover shows
  vim.lsp.buf.hover({ max_width = 100, max_height = 40 })
  vim.wait(3000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then float = w; return true end
    end
  end, 50)
  if float then break end
end
if not float then fail("no hover window") end
local fbuf = vim.api.nvim_win_get_buf(float)
out("HOVER WINDOW:", "filetype=" .. vim.bo[fbuf].filetype, "conceallevel=" .. vim.wo[float].conceallevel,
  "tree-sitter=" .. tostring(vim.treesitter.highlighter.active[fbuf] ~= nil))
if vim.bo[fbuf].filetype ~= "markdown" or vim.wo[float].conceallevel < 2 or not vim.treesitter.highlighter.active[fbuf] then
  fail("the hover is not rendered as Markdown")
end
local title = "unittest.mock.patch — replace a name while a test runs"
local shown = ""
vim.wait(10000, function() shown = screen(); return shown:find(title, 1, true) ~= nil end, 100)
local raw = text_of(fbuf)
for _, want in ipairs({ title, "| mock_charge_card | examples.orders.charge_card (bottom decorator) |", "Learn more · Python docs" }) do
  if not shown:find(want, 1, true) then fail("the hover does not show " .. want .. ":\n" .. shown) end
end
if not raw:find("[Learn more](", 1, true) then fail("the hover has no Learn more link:\n" .. raw) end
for _, hidden in ipairs({ "](", "**unittest", "`mock_charge_card`" }) do
  if shown:find(hidden, 1, true) then fail("the hover shows raw Markdown " .. hidden .. ":\n" .. shown) end
end
for _, screen_line in ipairs(vim.split(shown, "\n")) do
  if screen_line:find(title, 1, true) or screen_line:find("Learn more", 1, true) then
    out("HOVER SHOWN:", vim.trim(screen_line))
  end
end

-- 4. inlay hints: the patch each parameter receives
local hints = vim.lsp.inlay_hint.get({ bufnr = tests })
local labels = {}
for _, h in ipairs(hints) do
  local label = h.inlay_hint.label
  if type(label) == "table" then
    local parts = {}
    for _, part in ipairs(label) do parts[#parts + 1] = part.value end
    label = table.concat(parts)
  end
  labels[#labels + 1] = vim.trim(label)
end
out("INLAY HINTS:", table.concat(labels, " | "))
if not vim.tbl_contains(labels, "← examples.orders.charge_card") then fail("no inlay hint for mock_charge_card") end

-- 5. Neovim stops the server (shutdown, exit): it exits with status 0
for _, client in ipairs(vim.lsp.get_clients({ name = "pygloss" })) do client:stop() end
if not vim.wait(10000, function() return exit_code ~= nil end, 50) then fail("the server did not exit") end
out("SERVER EXIT:", exit_code)
if exit_code ~= 0 then fail("the server exited with status " .. exit_code) end
out("OK")
vim.cmd("qa!")
