;;; pygloss with eglot (Emacs 29+, or Emacs 28 with the eglot package).
;; Add to your init file.  Change `pygloss-command' if pygloss is not on PATH,
;; e.g. '("/path/to/venv/bin/python" "-P" "-m" "pygloss" "serve").
(require 'eglot)
(defvar pygloss-command '("pygloss" "serve"))
(add-to-list 'eglot-server-programs `(python-mode . ,pygloss-command))
;; Settings, answered to workspace/configuration (per project with .dir-locals.el).
;; "notes" are Markdown files (globs allowed) relative to the project root.
(setq-default eglot-workspace-configuration
              '(:pygloss (:hover (:verbosity "normal")
                          :inlayHints (:enable :json-false)
                          :notes ["docs/python-notes.md"])))
(add-hook 'python-mode-hook #'eglot-ensure)
