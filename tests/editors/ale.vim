" Vim with ALE as a client of `copydesk lsp`, run in Ex mode by tests/editors/run.sh:
" "Corostion Rostec" flagged on the right line and columns of seed-000.
" COPYDESK_BIN is the binary, COPYDESK_ROOT the repository. Any failure quits with status 1.

" Ex mode prints what `:print` shows, on standard output.
function! s:Say(message) abort
  enew!
  setlocal buftype=nofile
  call setline(1, a:message)
  print
endfunction

function! s:Fail(message) abort
  throw 'copydesk: ' . a:message
endfunction

" Waits up to 30 seconds for Condition(), failing with `what`.
function! s:Wait(what, Condition) abort
  let l:deadline = reltimefloat(reltime()) + 30
  while !a:Condition()
    if reltimefloat(reltime()) > l:deadline
      call s:Fail('timed out waiting for ' . a:what)
    endif
    sleep 50m
  endwhile
endfunction

function! s:Misspelled(buffer) abort
  for l:item in ale#engine#GetLoclist(a:buffer)
    if get(l:item, 'code', get(l:item, 'nr', '')) is# 'entity/misspelled'
      return l:item
    endif
  endfor
  return {}
endfunction

function! s:Main() abort
  let l:root = $COPYDESK_ROOT
  " As the README has it, with the binary under test.
  call ale#linter#Define('text', {
  \   'name': 'copydesk',
  \   'lsp': 'stdio',
  \   'executable': $COPYDESK_BIN,
  \   'command': '%e lsp',
  \   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
  \})
  let g:ale_linters = {'text': ['copydesk']}

  execute 'edit ' . fnameescape(l:root . '/tests/corpus/seeds/seed-000.txt')
  let l:buffer = bufnr('')
  if &filetype isnot# 'text'
    call s:Fail('seed-000.txt has filetype ' . string(&filetype))
  endif
  ALELint
  call s:Wait('entity/misspelled in seed-000.txt', {-> !empty(s:Misspelled(l:buffer))})

  let l:item = s:Misspelled(l:buffer)
  let l:line = search('Corostion Rostec', 'nw')
  if l:item.lnum != l:line
    call s:Fail('entity/misspelled on line ' . l:item.lnum . ', expected ' . l:line)
  endif
  " ALE 3.3 reads the LSP column (UTF-16 code units, which the server sends) as is, without
  " turning it into Vim's byte column: count characters, so the accents before the name count
  " once, and the span must be the name exactly.
  let l:text = getline(l:line)
  let l:span = strcharpart(l:text, l:item.col - 1, l:item.end_col - l:item.col + 1)
  if l:span isnot# 'Corostion Rostec'
    call s:Fail('entity/misspelled spans ' . string(l:span) . ' (columns '
    \   . l:item.col . '-' . l:item.end_col . ')')
  endif
  call s:Say('vim: ALE diagnostic as expected')
endfunction

try
  call s:Main()
  qall!
catch
  call s:Say('vim: ' . v:exception . ' at ' . v:throwpoint)
  cquit 1
endtry
