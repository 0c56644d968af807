// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoCaptions.h"

#include "catalog/AlbumChoices.h"
#include "common/MessageBox.h"
#include "common/PhotoGridModel.h"
#include "lab/Lab.h"

#include <QFont>
#include <QListView>
#include <QPushButton>

namespace Keepsake {

CaptionedPhotos::CaptionedPhotos(PhotoGridModel *photos, QObject *parent) : QIdentityProxyModel(parent), m_photos(photos)
{
    setSourceModel(photos);
}

QVariant CaptionedPhotos::data(const QModelIndex &index, int role) const
{
    const QModelIndex source = mapToSource(index);
    if (!source.isValid() || source.row() >= m_photos->photos().size()
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::FontRole))
        return QIdentityProxyModel::data(index, role);
    const QString caption = m_photos->photos().at(source.row()).caption;
    if (caption.isEmpty())
        return QIdentityProxyModel::data(index, role);
    switch (role) {
    case Qt::DisplayRole:
        return source.data(PhotoGridModel::CoverRole).toBool() ? tr("★ %1").arg(caption) : caption;
    case Qt::ToolTipRole:
        return tr("%1\nCaption: %2").arg(source.data(Qt::ToolTipRole).toString(), caption);
    default: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    }
}

PhotoCaptions::PhotoCaptions(const Lab &lab, Actor clerk, PhotoGridModel *photos, QListView *grid, QWidget *parent)
    : QObject(parent), m_lab(lab), m_clerk(std::move(clerk)), m_photos(photos), m_grid(grid), m_parent(parent)
{
    m_model = new CaptionedPhotos(photos, this);
    m_grid->setModel(m_model);
    m_button = new QPushButton(tr("Caption…"));
    m_button->setObjectName(QStringLiteral("captionButton"));
    m_button->setToolTip(tr("Write the caption of the chosen photo (also a double-click on it)"));
    connect(m_button, &QPushButton::clicked, this, &PhotoCaptions::edit);
    connect(m_grid, &QListView::doubleClicked, this, &PhotoCaptions::edit);
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PhotoCaptions::updateButton);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PhotoCaptions::updateButton);
    updateButton();
}

const PhotoRecord *PhotoCaptions::chosen() const
{
    const QModelIndexList rows = m_grid->selectionModel()->selectedIndexes();
    if (rows.size() != 1)
        return nullptr;
    const int row = m_model->mapToSource(rows.first()).row();
    return row >= 0 && row < m_photos->photos().size() ? &m_photos->photos().at(row) : nullptr;
}

void PhotoCaptions::updateButton()
{
    m_button->setEnabled(chosen() != nullptr);
}

void PhotoCaptions::edit()
{
    const PhotoRecord *photo = chosen();
    if (!photo)
        return;
    const qint64 photoId = photo->id;
    const QString name = photo->name;
    const QString before = photo->caption;
    const std::optional<QString> caption = MessageBox::text(
        m_parent, tr("Caption"), tr("Caption of %1 (empty removes it):").arg(name), before);
    if (!caption || caption->trimmed() == before)
        return;
    const Status saved = AlbumChoices(m_lab.catalog(), m_clerk).setCaption(photoId, *caption, m_lab.clock().now());
    if (!saved) {
        MessageBox::warning(m_parent, tr("Caption"), saved.error().message());
        return;
    }
    Q_EMIT this->saved(caption->trimmed().isEmpty() ? tr("The caption of %1 was removed.").arg(name)
                                                    : tr("The caption of %1 is saved.").arg(name));
}

} // namespace Keepsake
