// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Keepsake {

// What went wrong, in words for the person at the counter, with a kind that decides
// how a program reacts (keepsakectl maps it to its exit code).
class Error
{
public:
    enum class Kind {
        Failure,  // I/O, catalog server, burner: the job could not be done
        Usage,    // a bad value, an unknown customer, album or drive
        NotFound, // something named does not exist (reported like Usage)
        Refused,  // a rule says no (another customer's disc, an unverified album)
        Cancelled // the user stopped it
    };

    Error() = default;
    Error(Kind kind, QString message) : m_kind(kind), m_message(std::move(message)) { }

    static Error failure(QString message) { return { Kind::Failure, std::move(message) }; }
    static Error usage(QString message) { return { Kind::Usage, std::move(message) }; }
    static Error notFound(QString message) { return { Kind::NotFound, std::move(message) }; }
    static Error refused(QString message) { return { Kind::Refused, std::move(message) }; }
    static Error cancelled(QString message) { return { Kind::Cancelled, std::move(message) }; }

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }

    // Puts context in front: "Cannot store IMG_1.JPG: " + "No space left on device".
    Error prefixed(const QString &context) const { return { m_kind, context + m_message }; }

private:
    Kind m_kind = Kind::Failure;
    QString m_message;
};

// A value or the error that prevented it.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Success or the error.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) { }

    static Status success() { return {}; }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace Keepsake
