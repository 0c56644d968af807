// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditSentences.h"

#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "lab/Lab.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Keepsake {

namespace {

// Kinds done by a customer (or for them) at a terminal: the actor names the terminal.
const QStringList CustomerKinds { QStringLiteral("handin"), QStringLiteral("rename"), QStringLiteral("move_photos"),
                                  QStringLiteral("cover"), QStringLiteral("caption"), QStringLiteral("print_selection"),
                                  QStringLiteral("share"), QStringLiteral("unshare"), QStringLiteral("sign_in"),
                                  QStringLiteral("pin_failed"), QStringLiteral("kiosk_registration") };

QString day(const QJsonValue &value)
{
    const QDate date = QDate::fromString(value.toString().left(10), Qt::ISODate);
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : value.toString();
}

} // namespace

QList<std::pair<QString, QString>> AuditSentences::kinds()
{
    return {
        { QStringLiteral("handin"), tr("Hand-in") },
        { QStringLiteral("rename"), tr("Album renamed") },
        { QStringLiteral("move_photos"), tr("Photos moved") },
        { QStringLiteral("cover"), tr("Cover chosen") },
        { QStringLiteral("caption"), tr("Caption written") },
        { QStringLiteral("print_selection"), tr("Photos chosen to print") },
        { QStringLiteral("share"), tr("Album shared") },
        { QStringLiteral("unshare"), tr("Sharing ended") },
        { QStringLiteral("record"), tr("Album recorded") },
        { QStringLiteral("disc_recorded"), tr("Disc recorded") },
        { QStringLiteral("disc_verified"), tr("Disc verified") },
        { QStringLiteral("disc_verify_failed"), tr("Disc failed verification") },
        { QStringLiteral("extend"), tr("Album extended") },
        { QStringLiteral("view"), tr("Album viewed") },
        { QStringLiteral("set_rule"), tr("Rule changed") },
        { QStringLiteral("restore"), tr("Album restored") },
        { QStringLiteral("purge"), tr("Photos deleted after recording") },
        { QStringLiteral("notice_sent"), tr("Notice sent") },
        { QStringLiteral("notice_failed"), tr("Notice failed") },
        { QStringLiteral("kiosk_registration"), tr("Registered at the kiosk") },
        { QStringLiteral("registration_confirmed"), tr("Registration confirmed") },
        { QStringLiteral("customer_add"), tr("Customer added") },
        { QStringLiteral("customer_update"), tr("Customer details changed") },
        { QStringLiteral("sign_in"), tr("Signed in") },
        { QStringLiteral("pin_failed"), tr("Wrong PIN") },
        { QStringLiteral("config"), tr("Setting changed") },
        { QStringLiteral("rule_add"), tr("Rule added") },
        { QStringLiteral("device_add"), tr("Device added") },
    };
}

QString AuditSentences::kindText(const QString &action)
{
    for (const auto &[name, words] : kinds())
        if (name == action)
            return words;
    return action;
}

QString AuditSentences::customerName(std::optional<qint64> customerId)
{
    if (!customerId)
        return {};
    if (!m_customers.contains(*customerId)) {
        const Result<Customer> customer = Customers(m_lab.catalog()).byId(*customerId);
        m_customers.insert(*customerId, customer ? customer->name : tr("customer no. %1").arg(*customerId));
    }
    return m_customers.value(*customerId);
}

QString AuditSentences::albumTitle(std::optional<qint64> albumId)
{
    if (!albumId)
        return {};
    if (!m_albums.contains(*albumId)) {
        const Result<AlbumSummary> album = Albums(m_lab.catalog()).byId(*albumId);
        m_albums.insert(*albumId, album ? album->title : tr("no. %1").arg(*albumId));
    }
    return m_albums.value(*albumId);
}

QString AuditSentences::subject(const AuditEntry &entry, QString &place)
{
    const QString program = entry.actor.section(QLatin1Char(':'), 0, 0);
    const QString user = entry.actor.section(QLatin1Char(':'), 1);
    if (program == QLatin1String("counter") || program == QLatin1String("clerk"))
        return user.isEmpty() ? tr("The clerk") : tr("Clerk %1").arg(user);
    if (program == QLatin1String("keepsakectl"))
        return user.isEmpty() ? tr("The lab's command line") : tr("%1 (command line)").arg(user);
    if (program == QLatin1String("notify"))
        return tr("The mail delivery");
    if (program == QLatin1String("serve") || program == QLatin1String("sweep"))
        return tr("The lab's nightly round");
    if (program == QLatin1String("print"))
        return tr("The printing");
    // A terminal's name: the customer acted there.
    if (entry.customerId && CustomerKinds.contains(entry.action)) {
        place = entry.actor;
        return customerName(entry.customerId);
    }
    return entry.actor;
}

QString AuditSentences::who(const AuditEntry &entry)
{
    QString place;
    const QString name = subject(entry, place);
    return place.isEmpty() ? name : tr("%1 at %2").arg(name, place);
}

QString AuditSentences::sentence(const AuditEntry &entry)
{
    QString place;
    const QString name = subject(entry, place);
    QString text = albumSentence(entry, name);
    if (text.isEmpty())
        text = otherSentence(entry, name);
    return place.isEmpty() ? text : tr("%1 at %2", "what someone did, at which terminal").arg(text, place);
}

QString AuditSentences::albumSentence(const AuditEntry &e, const QString &who)
{
    const QJsonObject &d = e.details;
    const QString album = albumTitle(e.albumId);
    const QString a = e.action;
    if (a == QLatin1String("rename"))
        return tr("%1 renamed album '%2' to '%3'").arg(who, d.value(QStringLiteral("from")).toString(),
                                                        d.value(QStringLiteral("to")).toString());
    if (a == QLatin1String("move_photos"))
        return tr("%1 moved %n photo(s) into album '%2'", nullptr, int(d.value(QStringLiteral("photos")).toArray().size()))
            .arg(who, album);
    if (a == QLatin1String("cover"))
        return tr("%1 chose the cover of album '%2'").arg(who, album);
    if (a == QLatin1String("caption"))
        return tr("%1 wrote a caption in album '%2'").arg(who, album);
    if (a == QLatin1String("print_selection"))
        return tr("%1 chose %n photo(s) of album '%2' to print", nullptr,
                  int(d.value(QStringLiteral("photos")).toArray().size())).arg(who, album);
    const QString viewer = d.contains(QStringLiteral("viewer"))
                               ? customerName(d.value(QStringLiteral("viewer")).toInteger())
                               : d.value(QStringLiteral("email")).toString();
    if (a == QLatin1String("share"))
        return tr("%1 shared album '%2' with %3").arg(who, album, viewer);
    if (a == QLatin1String("unshare"))
        return tr("%1 stopped sharing album '%2' with %3").arg(who, album, viewer);
    if (a == QLatin1String("record"))
        return tr("%1 recorded album '%2' onto disc %3").arg(who, album, d.value(QStringLiteral("disc")).toString());
    if (a == QLatin1String("extend"))
        return tr("%1 extended album '%2' until %3").arg(who, album, day(d.value(QStringLiteral("to"))));
    if (a == QLatin1String("view"))
        return tr("%1 looked at album '%2': kept until %3").arg(who, album, day(d.value(QStringLiteral("to"))));
    if (a == QLatin1String("set_rule"))
        return tr("%1 gave album '%2' the rule '%3'").arg(who, album, d.value(QStringLiteral("rule")).toString());
    if (a == QLatin1String("restore"))
        return tr("%1 restored album '%2', kept until %3").arg(who, album, day(d.value(QStringLiteral("to"))));
    if (a == QLatin1String("purge"))
        return tr("%1 deleted the %n photo(s) of album '%2' after its time on disc", nullptr,
                  d.value(QStringLiteral("photos")).toInt()).arg(who, album);
    if (a == QLatin1String("notice_sent"))
        return tr("Notice about album '%1' sent to %2").arg(album, d.value(QStringLiteral("to")).toString());
    if (a == QLatin1String("notice_failed"))
        return tr("Notice about album '%1' to %2 not sent: %3")
            .arg(album, d.value(QStringLiteral("to")).toString(), d.value(QStringLiteral("error")).toString());
    return {};
}

QString AuditSentences::otherSentence(const AuditEntry &e, const QString &who)
{
    const QJsonObject &d = e.details;
    const QString a = e.action;
    const QString customer = customerName(e.customerId);
    if (a == QLatin1String("handin")) {
        QString text = tr("%1 handed in %n new photo(s)", nullptr, d.value(QStringLiteral("new")).toInt()).arg(who);
        if (const int already = d.value(QStringLiteral("already_received")).toInt())
            text += tr(", %n already here", nullptr, already);
        if (const int rejected = d.value(QStringLiteral("rejected")).toInt())
            text += tr(", %n refused", nullptr, rejected);
        if (d.value(QStringLiteral("cancelled")).toBool())
            text += tr(" (cancelled)");
        return text;
    }
    if (a == QLatin1String("disc_recorded"))
        return tr("%1 recorded disc %2 with %n album(s)", nullptr, int(d.value(QStringLiteral("albums")).toArray().size()))
            .arg(who, d.value(QStringLiteral("disc")).toString());
    if (a == QLatin1String("disc_verified"))
        return tr("%1 read disc %2 back: all %n file(s) match", nullptr, d.value(QStringLiteral("files")).toInt())
            .arg(who, d.value(QStringLiteral("disc")).toString());
    if (a == QLatin1String("disc_verify_failed"))
        return tr("%1 read disc %2 back: %n file(s) differ; the lab keeps its copies", nullptr,
                  int(d.value(QStringLiteral("mismatches")).toArray().size()))
            .arg(who, d.value(QStringLiteral("disc")).toString());
    if (a == QLatin1String("kiosk_registration"))
        return tr("%1 registered as a new customer").arg(who);
    if (a == QLatin1String("registration_confirmed"))
        return tr("%1 confirmed the registration of %2").arg(who, customer);
    if (a == QLatin1String("customer_add"))
        return tr("%1 added customer %2 (%3)").arg(who, d.value(QStringLiteral("name")).toString(),
                                                   d.value(QStringLiteral("code")).toString());
    if (a == QLatin1String("customer_update"))
        return tr("%1 changed the details of %2: %3").arg(who, customer, changesText(d));
    if (a == QLatin1String("sign_in"))
        return tr("%1 signed in").arg(who);
    if (a == QLatin1String("pin_failed"))
        return d.value(QStringLiteral("unknown_code")).toBool() ? tr("%1: someone typed an unknown customer code").arg(who)
                                                                 : tr("%1 typed a wrong PIN").arg(who);
    if (a == QLatin1String("config"))
        return tr("%1 set %2 to '%3'").arg(who, d.value(QStringLiteral("key")).toString(),
                                             d.value(QStringLiteral("value")).toString());
    if (a == QLatin1String("rule_add"))
        return tr("%1 added the retention rule '%2'").arg(who, d.value(QStringLiteral("rule")).toString());
    if (a == QLatin1String("device_add"))
        return tr("%1 added the device %2").arg(who, d.value(QStringLiteral("device")).toString());
    // A kind this version does not know: who, what, and on what.
    const QString album = albumTitle(e.albumId);
    if (!album.isEmpty())
        return tr("%1: %2 (album '%3')").arg(who, a, album);
    return customer.isEmpty() ? tr("%1: %2").arg(who, a) : tr("%1: %2 (customer %3)").arg(who, a, customer);
}

QString AuditSentences::changesText(const QJsonObject &details)
{
    QStringList parts;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        const QString key = it.key();
        const QString value = it.value().toString();
        const bool gone = value.isEmpty();
        if (key == QLatin1String("name"))
            parts << tr("name '%1'").arg(value);
        else if (key == QLatin1String("email"))
            parts << (gone ? tr("e-mail address removed") : tr("e-mail address %1").arg(value));
        else if (key == QLatin1String("phone"))
            parts << (gone ? tr("phone number removed") : tr("phone number %1").arg(value));
        else if (key == QLatin1String("language"))
            parts << (gone ? tr("the lab's language") : tr("language %1").arg(value));
        else if (key == QLatin1String("pin"))
            parts << (gone ? tr("PIN removed") : tr("a new PIN"));
        else if (key == QLatin1String("plan"))
            parts << (gone ? tr("no plan (the lab's default rule)") : tr("plan '%1'").arg(value));
        else if (key == QLatin1String("home"))
            parts << (gone ? tr("no home device") : tr("home device %1").arg(value));
        else
            parts << tr("%1 '%2'").arg(key, value);
    }
    return parts.join(QStringLiteral("; "));
}

QString AuditSentences::detailsText(const QJsonObject &details)
{
    QStringList lines;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        const QJsonValue &v = it.value();
        QString value;
        if (v.isArray() || v.isObject())
            value = QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)
                                                  : QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)).trimmed();
        else if (v.isBool())
            value = v.toBool() ? tr("yes") : tr("no");
        else
            value = v.toVariant().toString();
        lines << tr("%1: %2").arg(QString(it.key()).replace(QLatin1Char('_'), QLatin1Char(' ')), value);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Keepsake
