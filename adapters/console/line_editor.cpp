// Why libedit's own interface on a thread, not the readline-style callback interface on the io
// thread: Debian's libedit (BSD-licensed, preferred over GNU readline) has rl_callback_read_char,
// but inside it the editor reads the rest of a key sequence with blocking reads: a lone Esc, an
// incremental search (Ctrl-R), a quoted insert (Ctrl-V), or vi commands would stop the whole bot
// until the next key. So the editor gets a thread, and every read waits in poll() on the terminal
// and on a wake-up pipe: output from the bot goes through that thread and is printed between keys.
#include "adapters/console/line_editor.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <histedit.h>
#include <langinfo.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstring>
#include <cwchar>
#include <deque>
#include <fstream>
#include <mutex>
#include <system_error>
#include <thread>

namespace adapters::console {

namespace {

/// libedit edits characters only under a UTF-8 LC_CTYPE; the bot's text is UTF-8 whatever the
/// environment says, so a non-UTF-8 locale (often plain "C") gives way to C.UTF-8.
void use_utf8_ctype() {
    auto is_utf8 = [] {
        auto const* codeset = nl_langinfo(CODESET);
        return codeset && (std::strcmp(codeset, "UTF-8") == 0 || std::strcmp(codeset, "utf8") == 0);
    };
    if (is_utf8()) return;
    if (std::setlocale(LC_CTYPE, "") && is_utf8()) return;
    std::setlocale(LC_CTYPE, "C.UTF-8");
}

std::wstring widen(std::string const& s) {
    std::wstring w;
    std::mbstate_t state{};
    char const* p = s.data();
    char const* end = p + s.size();
    while (p < end) {
        wchar_t c = 0;
        auto n = std::mbrtowc(&c, p, static_cast<std::size_t>(end - p), &state);
        if (n == 0 || n > static_cast<std::size_t>(end - p)) {
            ++p;
            state = {};
            continue;
        }
        w.push_back(c);
        p += n;
    }
    return w;
}

/// On which row (from the prompt's) the cursor is after `text`, wrapping like libedit at `cols`.
int cursor_row(std::wstring const& text, int cols) {
    int row = 0;
    int col = 0;
    for (auto c : text) {
        int w = ::wcwidth(c);
        if (w <= 0) continue;
        if (col + w > cols) {
            ++row;
            col = 0;
        }
        col += w;
        if (col >= cols) {
            ++row;
            col = 0;
        }
    }
    return row;
}

}  // namespace

struct line_editor::impl {
    std::FILE* in;
    std::FILE* out;
    std::filesystem::path history_file;
    handlers h;
    std::size_t history_size;

    EditLine* el = nullptr;
    History* hist = nullptr;
    int wake[2] = {-1, -1};
    std::thread thread;

    std::mutex mutex;  // guards what follows, up to the editor thread's own state
    std::deque<std::string> output;
    std::optional<std::optional<edit_context>> handled;  // set by done_fn
    bool started = false;                                // print() queues for the thread from start() on
    bool stopping = false;
    bool finished = false;  // the thread prints no more: print() writes directly

    // The editor thread's own state.
    edit_context context;
    std::deque<std::string> remembered;
    bool editing = false;  // inside el_gets: a prompt and an unfinished line are on the screen
    char pending[MB_LEN_MAX] = {};
    std::size_t pending_len = 0;

    bool is_stopping() {
        std::lock_guard lock(mutex);
        return stopping;
    }
    void wake_up() const {
        char b = 1;
        [[maybe_unused]] auto n = ::write(wake[1], &b, 1);
    }
    static impl& of(EditLine* e) {
        void* self = nullptr;
        el_get(e, EL_CLIENTDATA, &self);
        return *static_cast<impl*>(self);
    }
    // libedit's callbacks.
    static char* prompt_of(EditLine* e) { return of(e).context.prompt.data(); }
    static int read_key_of(EditLine* e, wchar_t* c) { return of(e).read_key(c); }
    static unsigned char complete_of(EditLine* e, wint_t) { return of(e).complete_word(); }

    void open() {
        el = el_init("qunbot", in, out, stderr);
        el_set(el, EL_CLIENTDATA, this);
        el_set(el, EL_SIGNAL, 0);  // Ctrl-C stays the bot's SIGINT: a clean shutdown
        el_set(el, EL_EDITOR, "emacs");
        el_set(el, EL_PROMPT, &prompt_of);
        el_set(el, EL_GETCFN, &read_key_of);
        hist = history_init();
        HistEvent ev;
        history(hist, &ev, H_SETSIZE, static_cast<int>(history_size));
        history(hist, &ev, H_SETUNIQUE, 1);
        el_set(el, EL_HIST, history, hist);
        // The wide form: libedit keeps these pointers, where the narrow form leaks copies of them.
        el_wset(el, EL_ADDFN, L"qunbot-complete", L"complete a sandbox or bot command", &complete_of);
        el_set(el, EL_BIND, "^I", "qunbot-complete", nullptr);
        // The keys people expect from readline, as its libedit emulation binds them.
        el_set(el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
        for (auto const* home : {"\\e[1~", "\\e[7~", "\\e[H", "\\eOH"})
            el_set(el, EL_BIND, home, "ed-move-to-beg", nullptr);
        for (auto const* end : {"\\e[4~", "\\e[8~", "\\e[F", "\\eOF"})
            el_set(el, EL_BIND, end, "ed-move-to-end", nullptr);
        el_set(el, EL_BIND, "\\e[3~", "ed-delete-next-char", nullptr);
        el_set(el, EL_BIND, "\\e[1;5C", "em-next-word", nullptr);
        el_set(el, EL_BIND, "\\e[1;5D", "ed-prev-word", nullptr);
        el_source(el, nullptr);  // ~/.editrc, as other libedit programs
        load_history();
        raw_mode();
    }

    /// Keeps the terminal in libedit's mode between lines too: libedit shows the prompt before it
    /// sets it, and keys typed meanwhile (or while a line is handled) would be echoed and edited by
    /// the terminal's own line discipline. They wait unechoed instead, for the next prompt.
    void raw_mode() { el_set(el, EL_PREP_TERM, 1); }

    void close() {
        if (el) el_end(el);  // restores the terminal's modes
        if (hist) history_end(hist);
        el = nullptr;
        hist = nullptr;
    }

    // --- history: a plain UTF-8 file, one line each, rewritten after each entered line ---

    void load_history() {
        if (history_file.empty()) return;
        std::ifstream file(history_file);
        std::string line;
        while (std::getline(file, line)) remember(line, false);
    }

    void remember(std::string const& line, bool save) {
        if (line.empty() || (!remembered.empty() && remembered.back() == line)) return;
        HistEvent ev;
        history(hist, &ev, H_ENTER, line.c_str());
        remembered.push_back(line);
        while (remembered.size() > history_size) remembered.pop_front();
        if (save && !history_file.empty()) save_history();
    }

    void save_history() const {
        auto temp = history_file;
        temp += ".new";
        {
            std::ofstream file(temp, std::ios::trunc);
            for (auto const& l : remembered) file << l << '\n';
            if (!file) return;
        }
        std::error_code ec;
        std::filesystem::rename(temp, history_file, ec);
    }

    // --- output ---

    /// Prints the queued output; over an unfinished line, the line is taken away and drawn again below.
    void print_queued() {
        char drain[64];
        while (::read(wake[0], drain, sizeof drain) > 0) {
        }
        std::deque<std::string> lines;
        {
            std::lock_guard lock(mutex);
            lines.swap(output);
        }
        if (lines.empty()) return;
        if (editing) clear_line();
        for (auto const& l : lines) {
            std::fputs(l.c_str(), out);
            std::fputc('\n', out);
        }
        if (editing) {
            el_set(el, EL_REFRESH);
        } else {
            std::fflush(out);
        }
    }

    /// Moves to where the prompt starts and clears from there down.
    void clear_line() {
        auto const* line = el_wline(el);
        auto before = widen(context.prompt) + std::wstring(line->buffer, line->cursor);
        int cols = 80;
        el_get(el, EL_GETTC, "co", &cols);
        auto row = cursor_row(before, cols > 0 ? cols : 80);
        std::fputs(row > 0 ? fmt::format("\r\x1b[{}A\x1b[J", row).c_str() : "\r\x1b[J", out);
    }

    // --- input ---

    /// libedit's read function: one character, waiting in poll() so output can be printed meanwhile.
    /// 1: a character; 0: end of input; -1: stopping.
    int read_key(wchar_t* c) {
        el_resize(el);
        while (true) {
            pollfd fds[2] = {{::fileno(in), POLLIN, 0}, {wake[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                return 0;
            }
            if (fds[1].revents & POLLIN) {
                print_queued();
                if (is_stopping()) return -1;
            }
            if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char byte = 0;
            auto n = ::read(::fileno(in), &byte, 1);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (n <= 0) return 0;
            pending[pending_len++] = byte;
            std::mbstate_t state{};
            auto used = std::mbrtowc(c, pending, pending_len, &state);
            if (used == static_cast<std::size_t>(-2) && pending_len < sizeof pending) continue;
            bool valid = used != static_cast<std::size_t>(-1) && used != static_cast<std::size_t>(-2);
            pending_len = 0;
            if (valid) return 1;  // an invalid byte sequence is dropped
        }
    }

    unsigned char complete_word() {
        auto const* line = el_line(el);
        auto c = complete(context.phrases,
                          std::string_view(line->buffer, static_cast<std::size_t>(line->cursor - line->buffer)));
        if (!c.insert.empty()) {
            el_insertstr(el, c.insert.c_str());
            return CC_REFRESH;
        }
        if (c.matches.empty()) return CC_REFRESH_BEEP;
        std::string list;
        for (auto const& m : c.matches) list += (list.empty() ? "" : "  ") + m;
        clear_line();
        std::fputs(list.c_str(), out);
        std::fputc('\n', out);
        el_set(el, EL_REFRESH);
        return CC_NORM;
    }

    /// Waits until the entered line has been handled, printing meanwhile; nullopt when stopping.
    std::optional<std::optional<edit_context>> wait_handled() {
        while (true) {
            std::optional<std::optional<edit_context>> result;
            {
                std::lock_guard lock(mutex);
                if (stopping) return std::nullopt;
                result.swap(handled);
            }
            if (result) {
                print_queued();  // the line's output, queued before it was done, comes before the prompt
                return result;
            }
            pollfd p{wake[0], POLLIN, 0};
            ::poll(&p, 1, -1);
            print_queued();
        }
    }

    void run() {
        open();
        print_queued();
        while (!is_stopping()) {
            int count = 0;
            editing = true;
            char const* got = el_gets(el, &count);
            editing = false;
            raw_mode();
            if (!got || count <= 0) {
                // Stopped while typing: the unfinished line stays, and what follows starts below it.
                // (At Ctrl-D libedit has shown "^D" and moved on.)
                if (is_stopping()) {
                    std::fputc('\n', out);
                    std::fflush(out);
                } else {
                    h.end();
                }
                break;
            }
            std::string line(got, static_cast<std::size_t>(count));
            while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
            auto trimmed = line;
            while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
            remember(trimmed, true);
            h.line(line, [this](std::optional<edit_context> next) {
                {
                    std::lock_guard lock(mutex);
                    handled.emplace(std::move(next));
                }
                wake_up();
            });
            auto next = wait_handled();
            if (!next || !*next) break;
            context = std::move(**next);
        }
        // Output goes on (shutdown hooks still send) until the sandbox stops.
        while (!is_stopping()) {
            pollfd p{wake[0], POLLIN, 0};
            ::poll(&p, 1, -1);
            print_queued();
        }
        close();
        print_queued();
        std::lock_guard lock(mutex);
        finished = true;
        for (auto const& l : output) {
            std::fputs(l.c_str(), out);
            std::fputc('\n', out);
        }
        output.clear();
        std::fflush(out);
    }
};

bool line_editor::wanted(std::FILE* in, std::FILE* out) {
    return ::isatty(::fileno(in)) != 0 && ::isatty(::fileno(out)) != 0;
}

line_editor::line_editor(std::FILE* in, std::FILE* out, std::filesystem::path history_file, handlers h,
                         std::size_t history_size)
    : impl_(std::make_unique<impl>()) {
    impl_->in = in;
    impl_->out = out;
    impl_->history_file = std::move(history_file);
    impl_->h = std::move(h);
    impl_->history_size = history_size;
}

line_editor::~line_editor() {
    stop();
    for (int fd : impl_->wake)
        if (fd >= 0) ::close(fd);
}

void line_editor::start(edit_context first) {
    use_utf8_ctype();
    if (::pipe(impl_->wake) != 0) throw std::system_error(errno, std::generic_category(), "line editor: pipe");
    for (int fd : impl_->wake) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    impl_->context = std::move(first);
    {
        std::lock_guard lock(impl_->mutex);
        impl_->started = true;
    }
    impl_->thread = std::thread([this] { impl_->run(); });
}

void line_editor::print(std::string line) {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->started && !impl_->finished) {
            impl_->output.push_back(std::move(line));
            impl_->wake_up();
            return;
        }
    }
    std::fputs(line.c_str(), impl_->out);
    std::fputc('\n', impl_->out);
    std::fflush(impl_->out);
}

void line_editor::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    if (!impl_->thread.joinable()) return;
    impl_->wake_up();
    if (impl_->thread.get_id() != std::this_thread::get_id()) impl_->thread.join();
}

}  // namespace adapters::console
