;;; Headless Emacs + eglot check of pygloss, run by tests/editors/run_emacs.sh:
;;   emacs --batch -l tests/editors/emacs_check.el
;; Loads the setup snippet of docs/editors.md (tests/editors/emacs/pygloss.el) and,
;; on files from examples/, checks a PG101 diagnostic (through flymake), that its
;; quick fix applied through `eglot-code-actions' changes the buffer, and a
;; hover's text.  Exit status 0 = pass.
(require 'package)
(package-initialize)                    ; Debian's elpa-eglot
(require 'cl-lib)
(require 'subr-x)
(defun out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun fail (fmt &rest args) (out "FAIL: %s" (apply #'format fmt args)) (kill-emacs 1))
(defun wait-until (pred secs)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defconst here (file-name-directory (or load-file-name buffer-file-name)))
(defconst repo (expand-file-name "../../" here))
(defvar pygloss-command
  (split-string (or (getenv "PYGLOSS_CMD") "pygloss serve")))
(load (expand-file-name "emacs/pygloss.el" here) nil t)
(setq-default eglot-workspace-configuration '(:pygloss (:diagnostics (:debounceMs 0))))
(setq eglot-sync-connect t eglot-connect-timeout 30)

(defun pg101 ()
  (cl-find-if (lambda (d)
                (equal (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d))) :code)
                       "PG101"))
              (flymake-diagnostics)))

;; 1. the PG101 diagnostic of examples/orders.py (eglot-ensure runs from the hook)
(find-file (expand-file-name "examples/orders.py" repo))
(condition-case err                     ; eglot-ensure connects after the next command
    (run-hooks 'post-command-hook)
  (error (fail "eglot could not start the server: %S" err)))
(unless (wait-until #'eglot-current-server 30) (fail "eglot did not connect"))
(flymake-start)
(unless (wait-until #'pg101 20) (fail "no PG101 diagnostic"))
(let* ((d (pg101))
       (beg (flymake-diagnostic-beg d))
       (end (flymake-diagnostic-end d)))
  (out "DIAGNOSTIC: %d:%d %s" (line-number-at-pos beg)
       (save-excursion (goto-char beg) (1+ (current-column))) (flymake-diagnostic-text d))
  (unless (equal (buffer-substring-no-properties beg end) "[]")
    (fail "diagnostic range is %S" (buffer-substring-no-properties beg end)))
  ;; 2. the quick fix, picked from eglot's code-action menu
  (let ((before (buffer-string))
        (offered nil))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (setq offered (mapcar #'car items))
                 (or (cl-find-if (lambda (title) (string-prefix-p "Default to None" title))
                                 offered)
                     (fail "no fix offered: %S" offered)))))
      (let ((last-nonmenu-event ?x))
        (eglot-code-actions beg end "quickfix" t)))
    (out "CODE-ACTIONS: %s" (string-join offered " | "))
    (when (equal before (buffer-string)) (fail "the quick fix did not change the buffer"))
    (unless (and (string-match-p "history=None" (buffer-string))
                 (string-match-p "if history is None:" (buffer-string)))
      (fail "unexpected buffer after the fix:\n%s" (buffer-string)))
    (goto-char beg)
    (out "FIXED: %s" (string-trim (thing-at-point 'line t))))
  (set-buffer-modified-p nil))

;; 3. a hover on @mock.patch in examples/test_orders.py
(find-file (expand-file-name "examples/test_orders.py" repo))
(run-hooks 'post-command-hook)
(unless (wait-until #'eglot-current-server 30) (fail "eglot did not manage test_orders.py"))
(goto-char (point-min))
(search-forward "@mock.patch(\"examples.orders.charge_card\")")
(beginning-of-line)
(forward-char 11)
(let* ((server (eglot-current-server))
       (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
       (text (plist-get (plist-get hover :contents) :value)))
  (unless text (fail "no hover"))
  (out "HOVER: %s" (car (split-string text "\n")))
  (unless (string-match-p (regexp-quote "unittest.mock.patch") text)
    (fail "hover does not explain mock.patch: %s" text))
  ;; Markdown, or plain text when the client lacks markdown-mode (eglot then asks for it)
  (unless (string-match-p
           "| `?mock_charge_card`? | `?examples\\.orders\\.charge_card`? (bottom decorator) |"
           text)
    (fail "hover lacks the parameter table:\n%s" text))
  (let (shown)
    (eglot-hover-eldoc-function (lambda (s &rest _) (setq shown s)))
    (wait-until (lambda () shown) 10)
    (out "HOVER-ELDOC: %s" (car (split-string (substring-no-properties (or shown "<none>")) "\n"))))
  ;; 4. shutdown: eglot's messages, shutdown (answered within eglot's 1.5 s) then exit;
  ;; the server then exits by itself with status 0.  (eglot-shutdown itself does not
  ;; wait: Emacs 28's jsonrpc-shutdown deletes the process right after sending exit,
  ;; so there the server always ends by SIGKILL, whatever it does.)
  (let ((process (jsonrpc--process server)))
    (setf (eglot--shutdown-requested server) t)
    (condition-case err
        (jsonrpc-request server :shutdown nil :timeout 1.5)
      (error (fail "shutdown was not answered within 1.5 s: %S" err)))
    (jsonrpc-notify server :exit nil)
    (wait-until (lambda () (not (process-live-p process))) 10)
    (out "SHUTDOWN: %s %s" (process-status process) (process-exit-status process))
    (unless (and (eq (process-status process) 'exit) (= (process-exit-status process) 0))
      (fail "the server did not exit with status 0 after shutdown and exit: %s %s"
            (process-status process) (process-exit-status process)))))
(out "OK")
(kill-emacs 0)
