// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeComposer.h"

#include "base/MailAddress.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "catalog/WebLinks.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLocale>

namespace Keepsake {

namespace {

const char *const Context = "Keepsake::NoticeMail";

// Every text of a notice, for lupdate; translated at run time per recipient.
const char *const SubjectExpiringOwner = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "Your album \"%1\" will be recorded on disc after %2");
const char *const SubjectExpiringViewer = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "The album \"%1\" shared with you will be recorded on disc after %2");
const char *const SubjectRecorded = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "The album \"%1\" is on disc %2");
const char *const Greeting = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "Hello %1,");
const char *const ExpiringOwner = QT_TRANSLATE_N_NOOP("Keepsake::NoticeMail", "your album \"%1\" with %n photo(s) is kept at %2 until %3.");
const char *const ExpiringViewer = QT_TRANSLATE_N_NOOP("Keepsake::NoticeMail", "%4 shared the album \"%1\" with %n photo(s) with you. It is kept at %2 until %3.");
const char *const ExpiringDisc = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "After that day the photos are recorded onto a disc that comes back to %1 at the counter, and they are no longer shown online or at the kiosk.");
const char *const ExpiringExtend = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "To keep the album longer, ask at the counter or reply to this mail: the lab can extend it.");
const char *const RecordedText = QT_TRANSLATE_N_NOOP("Keepsake::NoticeMail", "the album \"%1\" with %n photo(s) was recorded onto disc %2 on %3.");
const char *const RecordedPickup = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "The disc is ready at the counter; the pickup code is %1.");
const char *const RecordedHidden = QT_TRANSLATE_N_NOOP("Keepsake::NoticeMail", "The album is no longer shown online or at the kiosk; the lab deletes its copy %n day(s) after recording.");
const char *const OwnerYou = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "you");
const char *const WebLink = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "See the album on the lab's web page (this link works once): %1");
const char *const Regards = QT_TRANSLATE_NOOP("Keepsake::NoticeMail", "Kind regards,");

QString settingOrDefault(const QHash<QString, QString> &stored, const char *key)
{
    const QString name = QString::fromLatin1(key);
    if (stored.contains(name))
        return stored.value(name);
    const Settings::Spec *spec = Settings::spec(name);
    return spec ? spec->defaultValue() : QString();
}

} // namespace

NoticeComposer::NoticeComposer(LabFacts lab) : m_lab(std::move(lab)) { }

NoticeComposer::~NoticeComposer() = default;

Result<NoticeComposer::LabFacts> NoticeComposer::labFacts(const QSqlDatabase &db)
{
    SqlQuery query(db, QStringLiteral("SELECT key, value FROM settings"));
    if (Status status = query.exec(); !status)
        return status.error();
    QHash<QString, QString> stored;
    while (query.next())
        stored.insert(query.text(0), query.text(1));
    LabFacts lab;
    lab.name = settingOrDefault(stored, "lab.name");
    lab.address = settingOrDefault(stored, "lab.address");
    lab.from = settingOrDefault(stored, "smtp.from");
    lab.graceDays = settingOrDefault(stored, "grace.days").toInt();
    return lab;
}

const QTranslator *NoticeComposer::translator(const QString &language)
{
    // English too: keepsake_en.qm holds the English plural forms ("1 photo", "3 photos")
    // of the source texts' "%n photo(s)".
    QString lang = language.section(QLatin1Char('_'), 0, 0).toLower();
    if (lang.isEmpty())
        lang = QStringLiteral("en");
    auto found = m_translators.find(lang);
    if (found == m_translators.end()) {
        auto translator = std::make_shared<QTranslator>();
        const QString file = QStringLiteral(":/i18n/keepsake_%1.qm").arg(lang);
        if (!QFile::exists(file) || !translator->load(file))
            translator.reset();
        found = m_translators.insert(lang, translator);
    }
    return found->get();
}

QString NoticeComposer::text(const QString &language, const char *source, int n)
{
    QString result;
    if (const QTranslator *t = translator(language))
        result = t->translate(Context, source, nullptr, n);
    if (result.isEmpty())
        result = QString::fromUtf8(source);
    if (n >= 0)
        result.replace(QLatin1String("%n"), QLocale(language.isEmpty() ? QStringLiteral("en") : language).toString(n));
    return result;
}

QString NoticeComposer::signature(const QString &language)
{
    QString text = QStringLiteral("\n\n") + this->text(language, Regards) + QLatin1Char('\n') + m_lab.name;
    if (!m_lab.address.isEmpty())
        text += QLatin1Char('\n') + m_lab.address;
    return text + QLatin1Char('\n');
}

NoticeText NoticeComposer::compose(const NoticeEvent &event, const NoticeAlbum &album,
                                   const NoticeRecipient &recipient)
{
    return event.kind == NoticeEvent::Kind::Expiring ? expiring(event, album, recipient)
                                                     : recorded(event, album, recipient);
}

NoticeText NoticeComposer::expiring(const NoticeEvent &event, const NoticeAlbum &album, const NoticeRecipient &r)
{
    const QString lang = r.language;
    const QLocale locale(lang.isEmpty() ? QStringLiteral("en") : lang);
    const QString date = locale.toString(event.date, QLocale::LongFormat);
    const bool owner = r.role == NoticeRecipient::Role::Owner;
    NoticeText notice;
    notice.subject = text(lang, owner ? SubjectExpiringOwner : SubjectExpiringViewer).arg(album.title, date);
    QString body = text(lang, Greeting).arg(r.name.isEmpty() ? r.email : r.name) + QStringLiteral("\n\n");
    body += owner ? text(lang, ExpiringOwner, album.photos).arg(album.title, m_lab.name, date)
                  : text(lang, ExpiringViewer, album.photos).arg(album.title, m_lab.name, date, album.ownerName);
    body += QStringLiteral("\n\n") + text(lang, ExpiringDisc).arg(owner ? text(lang, OwnerYou) : album.ownerName);
    body += QStringLiteral("\n\n") + text(lang, ExpiringExtend);
    notice.body = body + signature(lang);
    // The mail also gets a one-time link to the web page, made as the mail leaves
    // (WebLinks::fillMailBody): none is kept in the catalog.
    notice.mailBody = body + QStringLiteral("\n\n") + text(lang, WebLink).arg(QLatin1String(WebLinks::Placeholder))
        + signature(lang);
    return notice;
}

NoticeText NoticeComposer::recorded(const NoticeEvent &event, const NoticeAlbum &album, const NoticeRecipient &r)
{
    const QString lang = r.language;
    const QLocale locale(lang.isEmpty() ? QStringLiteral("en") : lang);
    NoticeText notice;
    notice.subject = text(lang, SubjectRecorded).arg(album.title, event.discId);
    QString body = text(lang, Greeting).arg(r.name.isEmpty() ? r.email : r.name) + QStringLiteral("\n\n");
    body += text(lang, RecordedText, album.photos)
                .arg(album.title, event.discId, locale.toString(event.date, QLocale::LongFormat));
    if (!event.pickupCode.isEmpty())
        body += QLatin1Char(' ') + text(lang, RecordedPickup).arg(event.pickupCode);
    body += QStringLiteral("\n\n") + text(lang, RecordedHidden, m_lab.graceDays);
    notice.body = body + signature(lang);
    return notice;
}

QString NoticeComposer::messageId(const NoticeEvent &event, const QString &recipientKey) const
{
    QString domain = MailAddress::domain(m_lab.from);
    if (domain.isEmpty())
        domain = QStringLiteral("keepsake.invalid");
    const QByteArray who = QCryptographicHash::hash(recipientKey.toUtf8(), QCryptographicHash::Sha256).toHex().left(12);
    return QStringLiteral("<keepsake.%1.%2.%3.%4@%5>")
        .arg(NoticeEvent::kindName(event.kind))
        .arg(event.albumId)
        .arg(event.date.toString(QStringLiteral("yyyyMMdd")), QString::fromLatin1(who), domain);
}

} // namespace Keepsake
