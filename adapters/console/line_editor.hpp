#pragma once
/// Line editing for the sandbox typed at a terminal: cursor keys, history kept in a file, and TAB
/// completion, by libedit. Scripts and pipes never get here; they are read as plain lines.

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/console/completion.hpp"

namespace adapters::console {

/// What the next line is typed with: the prompt and what TAB completes.
struct edit_context {
    std::string prompt;
    std::vector<phrase> phrases;
};

/// The editor runs on a thread of its own and does all the terminal's output while it lives, so a
/// reply that arrives while someone types is printed above their unfinished line, not into it.
class line_editor {
public:
    /// Called (from any thread) when an entered line has been handled, with what the next line is
    /// typed with, or nullopt to read no more lines.
    using done_fn = std::function<void(std::optional<edit_context>)>;
    struct handlers {
        /// A line was entered (on the editor's thread; it must not wait): call `done` once handled.
        std::function<void(std::string line, done_fn done)> line;
        /// The input ended: Ctrl-D on an empty line, or the terminal went away.
        std::function<void()> end;
    };

    /// Whether a session on these files is typed by a person: both are terminals.
    static bool wanted(std::FILE* in, std::FILE* out);

    /// `history_file` empty: history only for this run. At most `history_size` lines are kept.
    line_editor(std::FILE* in, std::FILE* out, std::filesystem::path history_file, handlers h,
                std::size_t history_size = 1000);
    ~line_editor();
    line_editor(line_editor const&) = delete;
    line_editor& operator=(line_editor const&) = delete;

    /// Starts reading lines, the first with `first`.
    void start(edit_context first);
    /// Prints one line of output (any thread), above the line being typed; lines keep their order.
    void print(std::string line);
    /// Stops reading: the unfinished line is dropped and the terminal restored. Output still queued
    /// is printed. Waits for the editor's thread.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace adapters::console
