// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IndexSheet.h"
#include "Receipt.h"
#include "base/Error.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace Keepsake {

class Lab;

// What the catalog says for a print: the index sheet of albums or of a disc, the
// receipt of a hand-in or of a disc order, and the customer's language. Thumbnails
// come from the lab's cache at print size.
class PrintSources
{
public:
    explicit PrintSources(const Lab &lab) : m_lab(lab) { }

    // The albums' photos (one owner). 'select' (IDs or original names) overrides the
    // albums' stored print selections; without it, an album with a stored selection
    // shows only that, one without shows all.
    Result<IndexSheetContent> indexOfAlbums(const QList<qint64> &albumIds,
                                            const std::optional<QStringList> &select) const;
    // What was recorded onto a disc (one session, or all when 'session' is empty),
    // each album's stored selection applied.
    Result<IndexSheetContent> indexOfDisc(const QString &discId, std::optional<int> session,
                                          const std::optional<QStringList> &select = std::nullopt) const;

    // The customer's latest hand-in, or the one named.
    Result<ReceiptContent> receiptOfHandin(qint64 customerId, std::optional<qint64> handinId) const;
    // The disc order of a recording (the disc's latest session unless one is named).
    Result<ReceiptContent> receiptOfDisc(const QString &discId, std::optional<int> session) const;

    // The customer a disc was recorded for.
    Result<qint64> discCustomer(const QString &discId) const;
    // The customer's language ("ja"), empty when not known.
    QString customerLanguage(const QString &customerCode) const;
    IndexSheet::ThumbnailLoader thumbnails() const;

private:
    Status fillCustomer(qint64 customerId, QString &name, QString &code) const;
    Status fillReceiptCommon(qint64 customerId, ReceiptContent &content) const;
    QString setting(const QString &key) const;

    const Lab &m_lab;
};

} // namespace Keepsake
