// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Settings.h"

#include "Catalog.h"
#include "SqlQuery.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QUrl>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Settings)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Settings", text);
}

QString fixed(const char *text)
{
    return QString::fromUtf8(text);
}

std::function<QString(const QString &)> numberBetween(int low, int high)
{
    return [low, high](const QString &value) {
        bool ok = false;
        const int number = value.toInt(&ok);
        if (ok && number >= low && number <= high)
            return QString();
        return Tr::tr("a whole number from %1 to %2").arg(low).arg(high);
    };
}

std::function<QString(const QString &)> oneOf(const QStringList &choices)
{
    return [choices](const QString &value) {
        return choices.contains(value) ? QString() : Tr::tr("one of: %1").arg(choices.join(QStringLiteral(", ")));
    };
}

std::function<QString(const QString &)> webAddress()
{
    return [](const QString &value) {
        const QUrl url(value, QUrl::StrictMode);
        return value.isEmpty() || (url.scheme() == QLatin1String("https") && !url.host().isEmpty())
            ? QString() : Tr::tr("an https:// address, like https://lab.example:8443");
    };
}

QList<Settings::Spec> makeSpecs()
{
    return {
        { "lab.name", QT_TRANSLATE_NOOP("Keepsake::Settings", "the lab's name on discs, prints and mails"),
          [] { return fixed("Keepsake Photo Lab"); }, {} },
        { "lab.address", QT_TRANSLATE_NOOP("Keepsake::Settings", "the lab's address on receipts and mails"),
          [] { return QString(); }, {} },
        { "notice.days_before", QT_TRANSLATE_NOOP("Keepsake::Settings", "days before expiry that owner and viewers are told"),
          [] { return fixed("14"); }, numberBetween(1, 365) },
        { "grace.days", QT_TRANSLATE_NOOP("Keepsake::Settings", "days a recorded album stays hidden before deletion"),
          [] { return fixed("30"); }, numberBetween(0, 3650) },
        { "retention.default", QT_TRANSLATE_NOOP("Keepsake::Settings", "the retention rule new albums get"),
          [] { return fixed("Standard 90 days"); }, {} },
        { "smtp.host", QT_TRANSLATE_NOOP("Keepsake::Settings", "mail server for notices"),
          [] { return QString(); }, {} },
        { "smtp.port", QT_TRANSLATE_NOOP("Keepsake::Settings", "mail server port"),
          [] { return fixed("25"); }, numberBetween(1, 65535) },
        { "smtp.starttls", QT_TRANSLATE_NOOP("Keepsake::Settings", "auto (encrypt when the server offers STARTTLS; "
                                                                   "with smtp.user or smtp.password set, the mail goes "
                                                                   "only encrypted), required, or off (never encrypt: "
                                                                   "the password too goes in clear)"),
          [] { return fixed("auto"); }, oneOf({ QStringLiteral("auto"), QStringLiteral("required"), QStringLiteral("off") }) },
        { "smtp.user", QT_TRANSLATE_NOOP("Keepsake::Settings", "mail server user"),
          [] { return QString(); }, {} },
        { "smtp.password", QT_TRANSLATE_NOOP("Keepsake::Settings", "mail server password"),
          [] { return QString(); }, {}, true },
        { "smtp.from", QT_TRANSLATE_NOOP("Keepsake::Settings", "sender address of notices"),
          [] { return QStringLiteral("keepsake@") + QHostInfo::localHostName(); }, {} },
        { "web.url", QT_TRANSLATE_NOOP("Keepsake::Settings", "address of the customers' web page in mails "
                                                             "(https://HOST:PORT); empty: the first device's URL"),
          [] { return QString(); }, webAddress() },
        { "print.index_paper", QT_TRANSLATE_NOOP("Keepsake::Settings", "paper of the index prints made after a recording: a4, letter, 10x15 or 4x6"),
          [] { return fixed("a4"); }, oneOf({ QStringLiteral("a4"), QStringLiteral("letter"), QStringLiteral("10x15"), QStringLiteral("4x6") }) },
        { "print.index_columns", QT_TRANSLATE_NOOP("Keepsake::Settings", "photos per row of an index print; 0: the paper's default"),
          [] { return fixed("0"); }, numberBetween(0, 20) },
        { "print.receipt_paper", QT_TRANSLATE_NOOP("Keepsake::Settings", "paper of receipts: 80mm (roll), a4 or letter"),
          [] { return fixed("80mm"); }, oneOf({ QStringLiteral("80mm"), QStringLiteral("a4"), QStringLiteral("letter") }) },
    };
}

} // namespace

const QList<Settings::Spec> &Settings::specs()
{
    static const QList<Spec> table = makeSpecs();
    return table;
}

const Settings::Spec *Settings::spec(const QString &key)
{
    for (const Spec &s : specs()) {
        if (key == QLatin1String(s.key))
            return &s;
    }
    return nullptr;
}

Result<QString> Settings::value(const QString &key) const
{
    const Spec *s = spec(key);
    if (!s)
        return Error::usage(tr("There is no setting called %1. See keepsakectl config list.").arg(key));
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT value FROM settings WHERE key = :key"));
    query.bind(QStringLiteral(":key"), key);
    if (Status status = query.exec(); !status)
        return status.error();
    if (query.next())
        return query.text(0);
    return s->defaultValue();
}

Result<int> Settings::intValue(const QString &key) const
{
    const Result<QString> text = value(key);
    if (!text)
        return Error(text.error().kind(), tr("The setting %1 could not be read from the catalog: %2. Check the catalog "
                                             "with keepsakectl check, then try again.").arg(key, text.error().message()));
    bool ok = false;
    const int number = text->toInt(&ok);
    const Spec *s = spec(key);
    const QString problem = !ok ? tr("a whole number") : s && s->check ? s->check(*text) : QString();
    if (problem.isEmpty())
        return number;
    return Error::failure(tr("The setting %1 holds \"%2\", but it takes %3. Set it again with keepsakectl config set "
                             "%1 VALUE (or in the counter's settings).").arg(key, *text, problem));
}

Status Settings::set(const QString &key, const QString &value) const
{
    const Spec *s = spec(key);
    if (!s)
        return Error::usage(tr("There is no setting called %1. See keepsakectl config list.").arg(key));
    if (s->check) {
        const QString problem = s->check(value);
        if (!problem.isEmpty())
            return Error::usage(tr("%1 cannot be \"%2\": it takes %3.").arg(key, value, problem));
    }
    SqlQuery upsert(m_catalog.db(), QStringLiteral(
        "INSERT INTO settings (key, value) VALUES (:key, :value) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    upsert.bind(QStringLiteral(":key"), key).bind(QStringLiteral(":value"), value);
    return upsert.exec();
}

Status Settings::unset(const QString &key) const
{
    if (!spec(key))
        return Error::usage(tr("There is no setting called %1.").arg(key));
    SqlQuery remove(m_catalog.db(), QStringLiteral("DELETE FROM settings WHERE key = :key"));
    remove.bind(QStringLiteral(":key"), key);
    return remove.exec();
}

Result<QList<Settings::Entry>> Settings::all() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT key, value FROM settings"));
    if (Status status = query.exec(); !status)
        return status.error();
    QHash<QString, QString> stored;
    while (query.next())
        stored.insert(query.text(0), query.text(1));
    QList<Entry> entries;
    for (const Spec &s : specs()) {
        const QString key = QString::fromLatin1(s.key);
        Entry entry;
        entry.key = key;
        entry.isDefault = !stored.contains(key);
        entry.value = entry.isDefault ? s.defaultValue() : stored.value(key);
        entry.secret = s.secret;
        entry.description = QCoreApplication::translate("Keepsake::Settings", s.description);
        entries.append(entry);
    }
    return entries;
}

} // namespace Keepsake
