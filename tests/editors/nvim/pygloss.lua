-- pygloss with Neovim's built-in LSP client (Neovim 0.7 or newer, no plugins).
-- Put this file on your runtimepath as lua/pygloss.lua and call
--   require("pygloss").setup({ settings = { pygloss = { inlayHints = true } } })
local M = {}
local clients = {} -- one pygloss client per project root

local function root_of(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  for _, marker in ipairs({ "pyproject.toml", ".git" }) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found == "" then found = vim.fn.finddir(marker, dir .. ";") end
    if found ~= "" then return vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git$", "") end
  end
  return dir
end

function M.attach(bufnr, opts)
  local root = root_of(bufnr)
  if not clients[root] then
    clients[root] = vim.lsp.start_client({
      name = "pygloss",
      cmd = opts.cmd or { "pygloss", "serve" },
      root_dir = root,
      -- answered to workspace/configuration; "notes" are Markdown files (globs
      -- allowed) relative to the project root
      settings = opts.settings or { pygloss = {} },
      init_options = opts.init_options,
    })
  end
  vim.lsp.buf_attach_client(bufnr, clients[root])
  return clients[root]
end

function M.setup(opts)
  opts = opts or {}
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "python",
    callback = function(args) M.attach(args.buf, opts) end,
  })
end

return M
