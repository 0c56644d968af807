// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NoticeEvent.h"
#include "base/Error.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QTranslator>

#include <memory>

namespace Keepsake {

// What a notice says about its album.
struct NoticeAlbum
{
    qint64 id = 0;
    QString title;
    QString ownerName;
    int photos = 0;
};

// The text of one notice for one recipient.
struct NoticeText
{
    QString subject;
    QString body;
    QString mailBody;   // the mail's, when it differs from what terminals keep (a link goes in)
};

// Writes notices in the recipient's language: English source text, translated with
// :/i18n/keepsake_<lang>.qm when the lab has it. The lab's settings it needs are read
// once from the catalog.
class NoticeComposer
{
public:
    struct LabFacts
    {
        QString name;
        QString address;
        QString from;        // smtp.from
        int graceDays = 30;
    };

    explicit NoticeComposer(LabFacts lab);
    ~NoticeComposer();
    static Result<LabFacts> labFacts(const QSqlDatabase &db);

    const LabFacts &lab() const { return m_lab; }
    NoticeText compose(const NoticeEvent &event, const NoticeAlbum &album,
                       const NoticeRecipient &recipient);

    // "<keepsake.expiring.42.20270105.1a2b3c4d5e6f@lab.example>": the same notice
    // always has the same Message-ID.
    QString messageId(const NoticeEvent &event, const QString &recipientKey) const;

private:
    QString text(const QString &language, const char *source, int n = -1);
    const QTranslator *translator(const QString &language);
    NoticeText expiring(const NoticeEvent &event, const NoticeAlbum &album, const NoticeRecipient &r);
    NoticeText recorded(const NoticeEvent &event, const NoticeAlbum &album, const NoticeRecipient &r);
    QString signature(const QString &language);

    LabFacts m_lab;
    QHash<QString, std::shared_ptr<QTranslator>> m_translators;
};

} // namespace Keepsake
