// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QString>

#include <utility>

namespace Keepsake {

class Lab;

// Tells a running hand-in from one whose process died. A hand-in holds a lock on a
// file of its own in DIR/tmp/handins/ from before its row exists until after the row
// says how it ended; its row names the file (handins.runner: this data folder and
// the file's token). A row still `running` whose file is gone, or whose lock can be
// taken, belongs to a dead process: the next start of this data folder (Lab::open)
// marks it `interrupted`, and `status` and the counter's day show it. The photos of
// its committed batches stay; the rest of its card was never taken in.
class HandinLiveness
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::HandinLiveness)

public:
    // Held by a running hand-in; released (and its file removed) when destroyed.
    class Token
    {
    public:
        Token(Token &&other) noexcept
            : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)), m_runner(std::move(other.m_runner)) { }
        Token(const Token &) = delete;
        Token &operator=(const Token &) = delete;
        Token &operator=(Token &&) = delete;
        ~Token();
        // For handins.runner.
        const QString &runner() const { return m_runner; }

    private:
        friend class HandinLiveness;
        Token(int fd, QString path, QString runner) : m_fd(fd), m_path(std::move(path)), m_runner(std::move(runner)) { }
        int m_fd = -1;
        QString m_path;
        QString m_runner;
    };

    static Result<Token> begin(const Lab &lab);
    // Marks this data folder's dead hand-ins interrupted; how many it marked.
    static Result<int> markInterrupted(const Lab &lab);

private:
    static QString folder(const Lab &lab);
    static QString runnerPrefix(const Lab &lab);
    static bool alive(const QString &lockFile);
};

} // namespace Keepsake
