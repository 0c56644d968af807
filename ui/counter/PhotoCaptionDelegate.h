// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Keepsake {

// The counter's photo grid: every thumbnail, landscape, portrait or the placeholder,
// gets the same square box with its caption below, so a portrait thumbnail (taller
// than the placeholder that sized the uniform cells) never pushes its caption out of
// the cell.
class PhotoCaptionDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    PhotoCaptionDelegate(int iconEdge, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_edge;
};

} // namespace Keepsake
