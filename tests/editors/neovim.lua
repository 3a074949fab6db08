-- Neovim as a client of `copydesk lsp`, run headless by tests/editors/run.sh:
-- "Corostion Rostec" flagged at the right column in seed-000, and a hover card on Peskov.
-- COPYDESK_BIN is the binary, COPYDESK_ROOT the repository. Any failure quits with status 1.

local function fail(message)
  error(message, 2)
end

local function start(root, bin)
  local config = { name = "copydesk", cmd = { bin, "lsp", "--stdio" }, root_dir = root }
  -- Debian's Neovim 0.7 has no vim.lsp.start: start the client, then attach buffers by hand.
  local id = vim.lsp.start_client(config)
  if not id then
    fail("copydesk lsp did not start")
  end
  return id
end

local function open(path, client)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)
  return buf
end

-- The 0-based line and UTF-16 column of the first `needle` in a buffer.
local function find(buf, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local at = string.find(line, needle, 1, true)
    if at then
      local _, utf16 = vim.str_utfindex(line, at - 1)
      return index - 1, utf16, at - 1
    end
  end
  fail("no " .. needle .. " in the buffer")
end

local function main()
  local root = assert(os.getenv("COPYDESK_ROOT"), "COPYDESK_ROOT is not set")
  local bin = assert(os.getenv("COPYDESK_BIN"), "COPYDESK_BIN is not set")
  local client = start(root, bin)

  local seed = open(root .. "/tests/corpus/seeds/seed-000.txt", client)
  local line, _, byte = find(seed, "Corostion Rostec")
  local function misspelled()
    for _, diagnostic in ipairs(vim.diagnostic.get(seed)) do
      local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp.code)
      if code == "entity/misspelled" and diagnostic.lnum == line then
        return diagnostic
      end
    end
  end
  if not vim.wait(30000, function() return misspelled() ~= nil end, 50) then
    fail("no entity/misspelled diagnostic on line " .. line .. ": " .. vim.inspect(vim.diagnostic.get(seed)))
  end
  -- Neovim turns the server's UTF-16 column into a byte column; accents before the name make
  -- the two differ, so a wrong count lands elsewhere.
  local diagnostic = misspelled()
  if diagnostic.col ~= byte or diagnostic.end_col ~= byte + #"Corostion Rostec" then
    fail(("Corostion Rostec flagged at bytes %d-%d, expected %d-%d"):format(
      diagnostic.col, diagnostic.end_col, byte, byte + #"Corostion Rostec"))
  end

  local peskov_line, peskov_col = find(seed, "Peskov")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(seed) },
    position = { line = peskov_line, character = peskov_col + 1 },
  }
  local responses = vim.lsp.buf_request_sync(seed, "textDocument/hover", params, 30000)
  local hover = responses and responses[client] and responses[client].result
  local text = hover and hover.contents and hover.contents.value or ""
  if not string.find(text, "Dmitri Peskov", 1, true) then
    fail("hover on Peskov: " .. vim.inspect(responses))
  end

  vim.lsp.stop_client(client)
  io.stdout:write("neovim: diagnostic and hover as expected\n")
end

local ok, message = xpcall(main, debug.traceback)
if ok then
  vim.cmd("qall!")
else
  io.stderr:write("neovim: " .. tostring(message) .. "\n")
  vim.cmd("cquit 1")
end
