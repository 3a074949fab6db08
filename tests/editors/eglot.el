;;; eglot.el --- Emacs with Eglot as a client of `copydesk lsp'  -*- lexical-binding: t -*-

;; Run in --batch by tests/editors/run.sh: "Corostion Rostec" flagged at the right place in
;; seed-000, and a hover card on Peskov.  COPYDESK_BIN is the binary, COPYDESK_ROOT the
;; repository.  Any failure exits with 1.

(require 'package)
;; Debian's elpa-eglot (and the newer project and xref it needs) live here; -Q does not look.
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'cl-lib)

(defvar copydesk-root (file-name-as-directory (getenv "COPYDESK_ROOT")))
(defvar copydesk-published nil "publishDiagnostics params received, newest first.")

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &rest params)
  (push params copydesk-published))

(defun copydesk-fail (format-string &rest args)
  (signal 'error (list (apply #'format format-string args))))

(defun copydesk-wait (what predicate)
  "Waits up to 30 seconds for PREDICATE, failing with WHAT."
  (let ((deadline (+ (float-time) 30)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall predicate) (copydesk-fail "timed out waiting for %s" what))))

(defun copydesk-open (relative)
  (find-file (expand-file-name relative copydesk-root))
  (text-mode)
  (current-buffer))

(defun copydesk-main ()
  (setq project-find-functions
        (list (lambda (_dir) (cons 'transient copydesk-root))))
  (setq eglot-server-programs
        `((text-mode . (,(getenv "COPYDESK_BIN") "lsp" "--stdio"))))
  (let* ((seed (copydesk-open "tests/corpus/seeds/seed-000.txt"))
         (uri (eglot--path-to-uri (buffer-file-name seed))))
    (apply #'eglot (eglot--guess-contact))
    (let* ((misspelled
            (lambda ()
              (cl-loop for params in copydesk-published
                       when (equal (plist-get params :uri) uri)
                       return (cl-find "entity/misspelled" (plist-get params :diagnostics)
                                       :key (lambda (d) (plist-get d :code)) :test #'equal))))
           (diagnostic (copydesk-wait "entity/misspelled in seed-000.txt" misspelled))
           (range (plist-get diagnostic :range)))
      (with-current-buffer seed
        ;; Eglot turns the UTF-16 positions into buffer points: they must span the name exactly.
        (let ((start (eglot--lsp-position-to-point (plist-get range :start)))
              (end (eglot--lsp-position-to-point (plist-get range :end))))
          (unless (equal (buffer-substring-no-properties start end) "Corostion Rostec")
            (copydesk-fail "entity/misspelled spans %S"
                           (buffer-substring-no-properties start end))))
        (goto-char (point-min))
        (search-forward "Peskov")
        (backward-char 3)
        (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                       (eglot--TextDocumentPositionParams)))
               (text (plist-get (plist-get hover :contents) :value)))
          (unless (and (stringp text) (string-match-p "Dmitri Peskov" text))
            (copydesk-fail "hover on Peskov: %S" hover))))))
  (eglot-shutdown (eglot--current-server-or-lose))
  (princ "emacs: diagnostic and hover as expected\n"))

(condition-case failure
    (progn (copydesk-main) (kill-emacs 0))
  (error
   (princ (format "emacs: %s\n" (error-message-string failure)) #'external-debugging-output)
   (kill-emacs 1)))
