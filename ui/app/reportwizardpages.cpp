// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/reportwizardpages.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

#include "ui/models/peopleformat.h"
#include "ui/report/reportwriter.h"

namespace vigil::ui {

namespace {

constexpr int kPersonRole = Qt::UserRole;
constexpr int kCountryRole = Qt::UserRole + 1;

struct Choice {
    unsigned bit;
    const char *name;   // object name
    const char *title;
    const char *description;
};

constexpr Choice kSections[] = {
    {report::SectionEvidence, "section-evidence", QT_TRANSLATE_NOOP("ReportSectionsPage", "&Evidence"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "Evidence items with their acquisition and verification hashes.")},
    {report::SectionMethodology, "section-methodology", QT_TRANSLATE_NOOP("ReportSectionsPage", "&Methodology"),
     QT_TRANSLATE_NOOP("ReportSectionsPage",
                       "Tool and version, parsers and their versions, settings, hash sets used.")},
    {report::SectionVictims, "section-victims", QT_TRANSLATE_NOOP("ReportSectionsPage", "&Findings per victim"),
     QT_TRANSLATE_NOOP("ReportSectionsPage",
                       "Why each child is ranked, the indicators, key messages quoted with source and hashes.")},
    {report::SectionMedia, "section-media", QT_TRANSLATE_NOOP("ReportSectionsPage", "Me&dia"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "Media counts per grading category; no indecent image, ever.")},
    {report::SectionMap, "section-map", QT_TRANSLATE_NOOP("ReportSectionsPage", "M&aps"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "The victim map and the world map of victims per country.")},
    {report::SectionTimeline, "section-timeline", QT_TRANSLATE_NOOP("ReportSectionsPage", "&Timelines"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "A timeline chart of each victim's contact with the suspect.")},
    {report::SectionErrors, "section-errors", QT_TRANSLATE_NOOP("ReportSectionsPage", "&Processing errors"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "What could not be read, grouped by stage and kind.")},
    {report::SectionAudit, "section-audit", QT_TRANSLATE_NOOP("ReportSectionsPage", "A&udit log"),
     QT_TRANSLATE_NOOP("ReportSectionsPage", "Every recorded action as an appendix, with its hash-chain check.")},
};

constexpr Choice kFormats[] = {
    {report::FormatPdf, "format-pdf", QT_TRANSLATE_NOOP("ReportOutputPage", "&PDF report"), ""},
    {report::FormatHtml, "format-html", QT_TRANSLATE_NOOP("ReportOutputPage", "&HTML report (one file)"), ""},
    {report::FormatCsv, "format-csv", QT_TRANSLATE_NOOP("ReportOutputPage", "Victim list (&CSV)"), ""},
    {report::FormatXlsx, "format-xlsx", QT_TRANSLATE_NOOP("ReportOutputPage", "Victim list (&XLSX)"), ""},
    {report::FormatCaseUco, "format-case-uco", QT_TRANSLATE_NOOP("ReportOutputPage", "CASE/&UCO JSON-LD"), ""},
    {report::FormatVics, "format-vics", QT_TRANSLATE_NOOP("ReportOutputPage", "&VICS JSON of graded media"), ""},
};

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

// ---- 1. Sections ----

ReportSectionsPage::ReportSectionsPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Sections"));
    setSubTitle(tr("What the report contains. The cover, the contents, page numbers and the running header "
                   "with the case number are always there."));
    auto *grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    grid->setHorizontalSpacing(18);
    int row = 0;
    for (const Choice &c : kSections) {
        auto *box = new QCheckBox(tr(c.title), this);
        box->setObjectName(QString::fromLatin1(c.name));
        box->setChecked(true);
        grid->addWidget(box, row, 0);
        grid->addWidget(noteLabel(tr(c.description), this), row++, 1);
        m_boxes.emplace_back(c.bit, box);
    }
    grid->setRowStretch(row, 1);
}

unsigned ReportSectionsPage::sections() const
{
    unsigned bits = 0;
    for (const auto &[bit, box] : m_boxes)
        if (box->isChecked())
            bits |= bit;
    return bits;
}

// ---- 2. Victims ----

ReportVictimsPage::ReportVictimsPage(const std::vector<casedb::VictimRow> &victims, QWidget *parent)
    : QWizardPage(parent)
{
    setTitle(tr("Victims"));
    setSubTitle(tr("The children the report covers, most urgent first. Unchecked victims are left out of "
                   "every section, list and export."));
    m_country = new QComboBox(this);
    m_country->setObjectName(QStringLiteral("victimCountry"));
    m_country->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *all = new QPushButton(tr("Check &all"), this);
    all->setObjectName(QStringLiteral("checkAll"));
    auto *none = new QPushButton(tr("Check &none"), this);
    none->setObjectName(QStringLiteral("checkNone"));
    auto *countryLabel = new QLabel(tr("C&ountry:"), this);
    countryLabel->setBuddy(m_country);
    auto *bar = new QHBoxLayout;
    bar->addWidget(countryLabel);
    bar->addWidget(m_country);
    bar->addStretch(1);
    bar->addWidget(all);
    bar->addWidget(none);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("victimList"));
    m_list->setHeaderLabels({tr("Rank"), tr("Priority"), tr("Name"), tr("Country")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    for (const auto &v : victims)
        addVictim(v);
    const QFontMetrics fm = m_list->fontMetrics();
    m_list->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("Rank")) + 48);
    m_list->setColumnWidth(1, fm.horizontalAdvance(QStringLiteral("Priority")) + 40);
    m_list->setColumnWidth(2, fm.horizontalAdvance(QStringLiteral("Snapchat user 9e4b2c71…")) + 48);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("victimCount"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    fillCountries(victims);

    connect(m_country, &QComboBox::currentIndexChanged, this, [this] { applyCountry(); });
    connect(all, &QPushButton::clicked, this, [this] { setListedChecked(true); });
    connect(none, &QPushButton::clicked, this, [this] { setListedChecked(false); });
    connect(m_list, &QTreeWidget::itemChanged, this, [this] { updateCount(); });
    updateCount();
}

void ReportVictimsPage::addVictim(const casedb::VictimRow &v)
{
    const QString priority = QString::fromStdString(v.priority);
    const QString country = QString::fromStdString(v.country);
    auto *item = new QTreeWidgetItem(m_list, {QString::number(v.rank), priorityLabel(priority),
                                              QString::fromStdString(v.label), countryText(country)});
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Checked);
    item->setForeground(1, priorityColour(priority));
    item->setData(0, kPersonRole, QVariant::fromValue<qint64>(v.personId));
    item->setData(0, kCountryRole, country);
}

void ReportVictimsPage::fillCountries(const std::vector<casedb::VictimRow> &victims)
{
    std::map<QString, int> counts;
    for (const auto &v : victims)
        if (!v.country.empty())
            ++counts[QString::fromStdString(v.country)];
    m_country->addItem(tr("All countries (%1)").arg(victims.size()), QString());
    for (const auto &[code, n] : counts)
        m_country->addItem(QStringLiteral("%1 (%2)").arg(countryText(code)).arg(n), code);
}

void ReportVictimsPage::applyCountry()
{
    const QString country = this->country();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setHidden(!country.isEmpty() && item->data(0, kCountryRole).toString() != country);
    }
    updateCount();
}

void ReportVictimsPage::setListedChecked(bool checked)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (QTreeWidgetItem *item = m_list->topLevelItem(i); !item->isHidden())
            item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
}

void ReportVictimsPage::updateCount()
{
    if (m_list->topLevelItemCount() == 0)
        m_count->setText(tr("This case has no victims; the report says so."));
    else
        m_count->setText(tr("%1 of %2 victims listed are in the report.").arg(checkedCount()).arg(listedCount()));
    emit completeChanged();
}

bool ReportVictimsPage::isComplete() const
{
    return m_list->topLevelItemCount() == 0 || checkedCount() > 0;
}

std::vector<std::int64_t> ReportVictimsPage::victimIds() const
{
    std::vector<std::int64_t> ids;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (!item->isHidden() && item->checkState(0) == Qt::Checked)
            ids.push_back(item->data(0, kPersonRole).toLongLong());
    }
    if (static_cast<int>(ids.size()) == listedCount())
        ids.clear();   // every listed victim: the country (or nothing) says it
    return ids;
}

QString ReportVictimsPage::country() const
{
    return m_country->currentData().toString();
}

int ReportVictimsPage::listedCount() const
{
    int n = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        n += m_list->topLevelItem(i)->isHidden() ? 0 : 1;
    return n;
}

int ReportVictimsPage::checkedCount() const
{
    int n = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        n += !item->isHidden() && item->checkState(0) == Qt::Checked ? 1 : 0;
    }
    return n;
}

// ---- 3. Redaction and content ----

ReportContentPage::ReportContentPage(const QString &examiner, const QString &agency, QWidget *parent)
    : QWizardPage(parent)
{
    setTitle(tr("Redaction and content"));
    setSubTitle(tr("How the children are named and what is shown of them."));
    m_redact = new QCheckBox(tr("&Replace children's names by initials"), this);
    m_redact->setObjectName(QStringLiteral("redactNames"));
    m_redact->setChecked(true);
    auto *redaction = new QGroupBox(tr("Redaction"), this);
    auto *redactionLayout = new QVBoxLayout(redaction);
    redactionLayout->addWidget(m_redact);
    redactionLayout->addWidget(noteLabel(
        tr("Every name a victim is known by (the name the case gives them, their accounts' display and user names) "
           "becomes initials, “Ethan M” → “E. M.”, in the report, the victim lists and the quoted messages. "
           "Name words inside user names and identifiers become initials too (“ethan.hoops08” → “E..hoops08”); "
           "phone numbers stay: they are evidence."),
        redaction));

    m_thumbnails = new QCheckBox(tr("Include &thumbnails of media graded not indecent"), this);
    m_thumbnails->setObjectName(QStringLiteral("mediaThumbnails"));
    auto *warning = new QLabel(tr("<b>Media graded indecent, or not graded at all, are never included</b> — "
                                  "not as pictures, not as thumbnails — whatever is chosen here; the report "
                                  "gives their counts per category."),
                               this);
    warning->setObjectName(QStringLiteral("indecentWarning"));
    warning->setWordWrap(true);
    auto *icon = new QLabel(this);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(side, side));
    auto *media = new QGroupBox(tr("Media"), this);
    auto *mediaLayout = new QGridLayout(media);
    mediaLayout->addWidget(m_thumbnails, 0, 0, 1, 2);
    mediaLayout->addWidget(icon, 1, 0, Qt::AlignTop);
    mediaLayout->addWidget(warning, 1, 1);
    mediaLayout->setColumnStretch(1, 1);

    m_keyMessages = new QSpinBox(this);
    m_keyMessages->setObjectName(QStringLiteral("keyMessages"));
    m_keyMessages->setRange(0, 200);
    m_keyMessages->setValue(report::ReportOptions{}.keyMessagesPerVictim);
    m_keyMessages->setToolTip(tr("Quoted with their source file, table and row, and hashes; "
                                 "the most serious indicators first."));
    m_agency = new QLineEdit(agency, this);
    m_agency->setObjectName(QStringLiteral("agency"));
    m_agency->setPlaceholderText(tr("Shown on the cover"));
    m_examiner = new QLineEdit(examiner, this);
    m_examiner->setObjectName(QStringLiteral("examiner"));
    auto *content = new QGroupBox(tr("Content"), this);
    auto *form = new QFormLayout(content);
    form->addRow(tr("&Key messages per victim:"), m_keyMessages);
    form->addRow(tr("A&gency:"), m_agency);
    form->addRow(tr("&Examiner:"), m_examiner);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(redaction);
    layout->addWidget(media);
    layout->addWidget(content);
    layout->addStretch(1);
}

bool ReportContentPage::redactNames() const
{
    return m_redact->isChecked();
}

bool ReportContentPage::mediaThumbnails() const
{
    return m_thumbnails->isChecked();
}

int ReportContentPage::keyMessagesPerVictim() const
{
    return m_keyMessages->value();
}

QString ReportContentPage::agency() const
{
    return m_agency->text().trimmed();
}

QString ReportContentPage::examiner() const
{
    return m_examiner->text().trimmed();
}

// ---- 4. Output ----

ReportOutputPage::ReportOutputPage(unsigned formats, const QString &folder, const QString &baseName,
                                   bool referrals, std::function<bool()> redacting, QWidget *parent)
    : QWizardPage(parent), m_redacting(std::move(redacting))
{
    setTitle(tr("Output"));
    setSubTitle(tr("Each file gets a .sha256 sidecar, and its hash is recorded in the case's audit log."));
    auto *formatBox = new QGroupBox(tr("Formats"), this);
    auto *grid = new QGridLayout(formatBox);
    int i = 0;
    for (const Choice &c : kFormats) {
        auto *box = new QCheckBox(tr(c.title), formatBox);
        box->setObjectName(QString::fromLatin1(c.name));
        box->setChecked((formats & c.bit) != 0);
        grid->addWidget(box, i / 2, i % 2);
        ++i;
        m_formats.emplace_back(c.bit, box);
        connect(box, &QCheckBox::toggled, this, [this] { update(); });
    }
    m_folder = new QLineEdit(folder, this);
    m_folder->setObjectName(QStringLiteral("outputFolder"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browse"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_base = new QLineEdit(baseName, this);
    m_base->setObjectName(QStringLiteral("baseName"));
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    auto *form = new QFormLayout;
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("File &name:"), m_base);

    m_referrals = new QCheckBox(tr("Also write per-country &referral packages"), this);
    m_referrals->setObjectName(QStringLiteral("referrals"));
    m_referrals->setChecked(referrals);
    auto *referralNote = noteLabel(
        tr("For each country with victims: a folder with the report restricted to that country's victims, "
           "their victim list and evidence excerpts with hashes, and a manifest — ready to send to its police."),
        this);
    m_files = new QLabel(this);
    m_files->setObjectName(QStringLiteral("outputFiles"));
    m_files->setWordWrap(true);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(formatBox);
    layout->addLayout(form);
    layout->addWidget(m_referrals);
    layout->addWidget(referralNote);
    layout->addSpacing(8);
    layout->addWidget(m_files);
    layout->addStretch(1);
    connect(browse, &QPushButton::clicked, this, &ReportOutputPage::browse);
    connect(m_folder, &QLineEdit::textChanged, this, [this] { update(); });
    connect(m_base, &QLineEdit::textChanged, this, [this] { update(); });
    connect(m_referrals, &QCheckBox::toggled, this, [this] { update(); });
    update();
}

void ReportOutputPage::initializePage()
{
    update();   // the redaction may have changed on the page before
}

void ReportOutputPage::browse()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Output folder"), folder());
    if (!chosen.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(chosen));
}

unsigned ReportOutputPage::formats() const
{
    unsigned bits = 0;
    for (const auto &[bit, box] : m_formats)
        if (box->isChecked())
            bits |= bit;
    return bits;
}

QString ReportOutputPage::folder() const
{
    return QDir::cleanPath(QDir::fromNativeSeparators(m_folder->text().trimmed()));
}

QString ReportOutputPage::baseName() const
{
    return m_base->text().trimmed();
}

bool ReportOutputPage::referrals() const
{
    return m_referrals->isChecked();
}

QString ReportOutputPage::problem() const
{
    if (formats() == 0 && !referrals())
        return tr("Choose at least one format, or the referral packages.");
    if ((formats() & report::FormatCaseUco) && m_redacting && m_redacting())
        return tr("CASE/UCO is the whole case for tool interchange and is never redacted: uncheck it, or go back "
                  "and turn off the initials, and write it on its own.");
    const QString dir = m_folder->text().trimmed();
    if (dir.isEmpty())
        return tr("Choose the folder to write into.");
    if (!QDir::isAbsolutePath(QDir::fromNativeSeparators(dir)))
        return tr("Give the folder as a full path.");
    if (const QFileInfo info(folder()); info.exists() && !info.isDir())
        return tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(folder()));
    if (!isValidBaseName(baseName()))
        return tr("Give a file name without folder separators.");
    return {};
}

bool ReportOutputPage::isComplete() const
{
    return problem().isEmpty();
}

void ReportOutputPage::update()
{
    if (const QString why = problem(); !why.isEmpty()) {
        m_files->setText(QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(why.toHtmlEscaped()));
    } else {
        QStringList names;
        for (const auto &[bit, box] : m_formats)
            if (box->isChecked())
                names << reportFileName(baseName(), bit);
        if (referrals())
            names << referralFolderName(baseName()) + QLatin1Char('/');
        m_files->setText(tr("Writes into the folder: %1").arg(names.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
    emit completeChanged();
}

// ---- 5. Preview ----

ReportPreviewPage::ReportPreviewPage(Render render, Describe describe, QWidget *parent)
    : QWizardPage(parent), m_render(std::move(render)), m_describe(std::move(describe))
{
    setTitle(tr("Preview"));
    setSubTitle(tr("The report as it will be written. Go back to change anything; Write report writes it."));
    m_what = new QLabel(this);
    m_what->setObjectName(QStringLiteral("previewWhat"));
    m_what->setWordWrap(true);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("preview"));
    m_browser->setOpenLinks(true);            // the contents' #anchors scroll
    m_browser->setOpenExternalLinks(false);   // nothing leaves the wizard
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addWidget(m_browser, 1);
}

void ReportPreviewPage::initializePage()
{
    m_what->setText(m_describe());
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto html = m_render();
    QApplication::restoreOverrideCursor();
    if (html)
        m_browser->setHtml(*html);
    else
        m_browser->setHtml(tr("<h3>The preview could not be made</h3><p>%1</p>")
                               .arg(QString::fromStdString(html.error().toString()).toHtmlEscaped()));
}

// ---- names ----

bool isValidBaseName(const QString &name)
{
    return !name.isEmpty() && name != QLatin1String(".") && name != QLatin1String("..") &&
           !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\'));
}

QString reportFileName(const QString &baseName, unsigned format)
{
    return QString::fromStdString(report::reportFileName(baseName.toStdString(), format));
}

QString referralFolderName(const QString &baseName)
{
    return baseName + QStringLiteral("-referrals");
}

QString fileNameSafe(const QString &text)
{
    QString out;
    for (const QChar c : text.trimmed())
        out += c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') ? c : QLatin1Char('_');
    return out;
}

} // namespace vigil::ui
