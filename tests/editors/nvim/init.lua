-- pygloss with Neovim 0.11+'s built-in LSP configuration (no plugins): in init.lua.
vim.lsp.config("pygloss", {
  cmd = { "pygloss", "serve" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", ".git" },
  -- answered to workspace/configuration; "notes" are Markdown files (globs allowed)
  -- relative to the project root
  settings = { pygloss = { notes = { "docs/python-notes.md" }, inlayHints = true } },
})
vim.lsp.enable("pygloss")
-- inlay hints: the patch each test parameter receives, and more (docs/editors.md)
vim.api.nvim_create_autocmd("LspAttach", {
  callback = function(args)
    if vim.lsp.get_client_by_id(args.data.client_id).name == "pygloss" then
      vim.lsp.inlay_hint.enable(true, { bufnr = args.buf })
    end
  end,
})
