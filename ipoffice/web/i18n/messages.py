"""The web layer's messages in Vietnamese (default) and English, registered with :mod:`ipoffice.core.i18n`."""

from __future__ import annotations

from ipoffice.core import i18n

_M: dict[str, tuple[str, str]] = {
    # site and navigation
    "web.site.name": ("Cục Sở hữu trí tuệ — ipoffice", "IP Office — ipoffice"),
    "web.site.footer": (
        "Phần mềm mở ipoffice. Thông tin tra cứu có giá trị tham khảo; quyết định của cơ quan là căn cứ pháp lý.",
        "ipoffice open software. Search results are for information; the office's decisions are the legal record.",
    ),
    "web.nav.skip": ("Chuyển đến nội dung chính", "Skip to main content"),
    "web.nav.label": ("Điều hướng chính", "Main navigation"),
    "web.nav.language": ("Ngôn ngữ", "Language"),
    "web.nav.home": ("Trang chủ", "Home"),
    "web.nav.search": ("Tra cứu", "Search"),
    "web.nav.fees": ("Tính phí", "Fee calculator"),
    "web.nav.deadlines": ("Tính thời hạn", "Deadline calculator"),
    "web.nav.statistics": ("Thống kê", "Statistics"),
    "web.nav.guides": ("Hướng dẫn", "Guides"),
    "web.nav.analytics_innovation": ("Chỉ số ĐMST", "Innovation index"),
    "web.nav.analytics_impact": ("ĐMST và tăng trưởng", "Innovation and growth"),
    "web.nav.patent_map": ("Bản đồ sáng chế", "Patent map"),
    "web.nav.file": ("Nộp đơn nhãn hiệu", "File a trademark"),
    "web.nav.queue": ("Hàng đợi thẩm định", "Work queue"),
    "web.nav.audit": ("Nhật ký thay đổi", "Audit log"),
    "web.nav.users": ("Người dùng", "Users"),
    "web.nav.login": ("Đăng nhập", "Log in"),
    "web.nav.logout": ("Đăng xuất", "Log out"),
    "web.nav.signup": ("Tạo tài khoản", "Create an account"),
    # search
    "web.search.title": ("Tra cứu đăng bạ sở hữu công nghiệp", "Search the industrial property register"),
    "web.search.lead": (
        "Tìm theo số đơn hoặc số bằng, tên nhãn hiệu, tên sáng chế hoặc kiểu dáng, người nộp đơn hoặc chủ sở hữu, "
        "nhóm Nice. Có thể gõ có dấu hoặc không dấu.",
        "Search by application or registration number, mark, title, applicant or owner, Nice class. "
        "Vietnamese may be typed with or without diacritics.",
    ),
    "web.search.q": ("Từ khóa", "Search terms"),
    "web.search.placeholder": ("ví dụ: pho ha noi, 4-2024-12345", "e.g. pho ha noi, 4-2024-12345"),
    "web.search.right": ("Loại quyền", "Right"),
    "web.search.status": ("Tình trạng", "Status"),
    "web.search.class": ("Nhóm Nice", "Nice class"),
    "web.search.any": ("Tất cả", "Any"),
    "web.search.button": ("Tìm", "Search"),
    "web.search.count": ("{n} kết quả", "{n} results"),
    "web.search.none": ("Không tìm thấy kết quả nào.", "Nothing found."),
    "web.search.pages": ("Trang kết quả", "Result pages"),
    "web.search.prev": ("Trước", "Previous"),
    "web.search.next": ("Sau", "Next"),
    "web.search.page_of": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "web.col.number": ("Số đơn", "Application no."),
    "web.col.name": ("Nhãn hiệu / tên", "Mark / title"),
    "web.col.right": ("Loại quyền", "Right"),
    "web.col.owner": ("Người nộp đơn / chủ sở hữu", "Applicant / owner"),
    "web.col.classes": ("Nhóm", "Classes"),
    "web.col.filed": ("Ngày nộp đơn", "Filing date"),
    "web.col.status": ("Tình trạng", "Status"),
    # file page
    "web.file.filed_notice": (
        "Đơn của bạn đã được nộp, số đơn {number}. Hãy nộp phí để đơn được thẩm định.",
        "Your application has been filed as {number}. Pay the fees to have it examined.",
    ),
    "web.file.paid_notice": ("Đã ghi nhận thanh toán.", "The payment has been recorded."),
    "web.file.done_notice": ("Đã ghi nhận thao tác.", "The action has been recorded."),
    "web.file.registration": ("Văn bằng số {number}", "Registration no. {number}"),
    "web.file.published": ("Ngày công bố", "Publication date"),
    "web.file.registered": ("Ngày cấp văn bằng", "Registration date"),
    "web.file.expiry": ("Ngày hết hạn", "Expiry date"),
    "web.file.regime": ("Chế độ pháp lý", "Legal regime"),
    "web.file.legal_status": ("Mã tình trạng pháp lý (WIPO)", "Legal status code (WIPO)"),
    "web.file.parties": ("Chủ thể", "Parties"),
    "web.file.classes": ("Phân loại", "Classification"),
    "web.file.clock": ("Thời hạn luật định", "Statutory clock"),
    "web.file.events": ("Diễn biến của đơn", "Events"),
    "web.file.documents": ("Tài liệu đã công bố", "Published documents"),
    "web.file.no_documents": ("Chưa có tài liệu công bố.", "No published documents yet."),
    "web.file.fees": ("Phí và lệ phí", "Fees"),
    "web.clock.step": ("Bước", "Step"),
    "web.clock.who": ("Bên phải thực hiện", "Who acts"),
    "web.clock.from": ("Tính từ", "Counted from"),
    "web.clock.due": ("Hạn chót", "Due"),
    "web.clock.elapsed": ("Đã qua (ngày)", "Elapsed (days)"),
    "web.clock.left": ("Còn lại", "Left"),
    "web.clock.basis": ("Căn cứ", "Legal basis"),
    "web.clock.overdue": ("quá hạn {days} ngày", "{days} days overdue"),
    "web.clock.days_left": ("còn {days} ngày", "{days} days left"),
    "web.clock.none": (
        "Không có bước nào đang chờ theo thời hạn luật định.",
        "No step is pending against a legal time limit.",
    ),
    "web.clock.verify": (
        "cần kiểm tra lại: quy định hoặc lịch ngày nghỉ được suy ra, chưa được xác nhận",
        "to be verified: the rule or the holiday calendar is inferred, not confirmed",
    ),
    "web.party.office": ("Cục", "The office"),
    "web.party.applicant": ("Người nộp đơn", "Applicant"),
    "web.party.third_party": ("Bên thứ ba", "Third parties"),
    "web.party.owner": ("Chủ văn bằng", "Owner"),
    "web.role.applicant": ("Người nộp đơn", "Applicant"),
    "web.role.owner": ("Chủ sở hữu", "Owner"),
    "web.role.inventor": ("Tác giả sáng chế", "Inventor"),
    "web.role.author": ("Tác giả", "Author"),
    "web.role.representative": ("Đại diện sở hữu công nghiệp", "IP representative"),
    "web.role.management_organisation": ("Tổ chức quản lý", "Management organisation"),
    "web.role.authorised_user": ("Người được phép sử dụng", "Authorised user"),
    "web.role.licensee": ("Bên nhận chuyển quyền sử dụng", "Licensee"),
    "web.fee.due": ("chưa nộp", "due"),
    "web.fee.paid": ("đã nộp", "paid"),
    "web.fee.waived": ("được miễn", "waived"),
    "web.fee.refunded": ("đã hoàn", "refunded"),
    "web.pay.test_gateway": (
        "CỔNG THANH TOÁN THỬ NGHIỆM: không có tiền thật được chuyển.",
        "TEST PAYMENT GATEWAY: no real money moves.",
    ),
    "web.pay.button": ("Nộp phí (thử nghiệm)", "Pay the fees (test)"),
    # workbench
    "web.wb.title": ("Bàn làm việc của thẩm định viên", "Examiner's workbench"),
    "web.wb.note": ("Ghi chú / căn cứ (ghi vào hồ sơ)", "Note / grounds (recorded on the file)"),
    "web.wb.assist_title": ("Trợ giúp: nhãn hiệu có thể xung đột", "Assistance: possibly conflicting marks"),
    "web.wb.assist_none": (
        "Không thấy nhãn hiệu đang có hiệu lực nào tương tự.",
        "No similar live mark found.",
    ),
    "web.wb.assist_room": (
        "Kết quả tra cứu tự động chỉ để tham khảo; thẩm định viên quyết định (ipoffice.assist).",
        "Automatic search results are a reference only; the examiner decides (ipoffice.assist).",
    ),
    "web.action.accept": ("Chấp nhận đơn hợp lệ", "Accept (formality)"),
    "web.action.deficiency": ("Thông báo thiếu sót", "Notify deficiency"),
    "web.action.publish": ("Công bố đơn", "Publish"),
    "web.action.office_action": ("Thông báo kết quả thẩm định", "Office action"),
    "web.action.intend_grant": ("Dự định cấp văn bằng", "Intend to grant"),
    "web.action.intend_refusal": ("Dự định từ chối", "Intend to refuse"),
    "web.action.grant": ("Cấp văn bằng", "Grant"),
    "web.action.refuse": ("Từ chối", "Refuse"),
    "web.action.unknown": ("Thao tác không tồn tại: {value}", "Unknown action: {value}"),
    "web.step.formality_examination": ("Thẩm định hình thức", "Formality examination"),
    "web.step.publication": ("Công bố đơn", "Publication"),
    "web.step.substantive_examination": ("Thẩm định nội dung", "Substantive examination"),
    "web.queue.lead": (
        "{n} hồ sơ chờ Cục xử lý, sắp theo hạn luật định (quá hạn trước).",
        "{n} files waiting for the office, by statutory due date (overdue first).",
    ),
    "web.queue.min_age": ("Tuổi tối thiểu (ngày)", "Minimum age (days)"),
    "web.queue.filter": ("Lọc", "Filter"),
    "web.queue.age": ("Tuổi (ngày)", "Age (days)"),
    # fees and deadlines
    "web.fees.title": ("Tính phí, lệ phí", "Fee calculator"),
    "web.fees.lead": (
        "Phí chính thức theo biểu phí có hiệu lực vào ngày đã chọn.",
        "Official fees under the tariff in force on the chosen day.",
    ),
    "web.fees.classes": ("Số nhóm", "Number of classes"),
    "web.fees.items": (
        "Số sản phẩm/dịch vụ mỗi nhóm (cách nhau bởi dấu phẩy)",
        "Goods/services per class (comma separated)",
    ),
    "web.fees.claims": ("Số điểm yêu cầu bảo hộ độc lập", "Independent claims"),
    "web.fees.pages": ("Số trang bản mô tả", "Description pages"),
    "web.fees.variants": ("Số phương án kiểu dáng", "Design variants"),
    "web.fees.priorities": ("Số yêu cầu hưởng quyền ưu tiên", "Priority claims"),
    "web.fees.online": ("Nộp trực tuyến", "Filed online"),
    "web.fees.on": ("Ngày", "Date"),
    "web.fees.compute": ("Tính phí", "Compute"),
    "web.fees.tariff": ("Biểu phí {tariff}, ngày {on}", "Tariff {tariff}, on {on}"),
    "web.fees.item": ("Khoản", "Item"),
    "web.fees.qty": ("Số lượng", "Quantity"),
    "web.fees.unit": ("Đơn giá", "Unit"),
    "web.fees.amount": ("Thành tiền", "Amount"),
    "web.fees.total": ("Tổng cộng", "Total"),
    "web.fees.verify": (
        "mức phí cần kiểm tra lại với văn bản gốc",
        "amount to be checked against the official text",
    ),
    "web.deadlines.title": ("Tính thời hạn", "Deadline calculator"),
    "web.deadlines.lead": (
        "Các thời hạn luật định của một đơn theo chế độ pháp lý áp dụng (kể cả ngày nghỉ lễ theo Bộ luật Dân sự "
        "Điều 148).",
        "The legal time limits of an application under the regime that governs it (holidays rolled over under "
        "Civil Code Art. 148).",
    ),
    "web.deadlines.priority": ("Ngày ưu tiên", "Priority date"),
    "web.deadlines.compute": ("Tính", "Compute"),
    "web.deadlines.regime": ("Chế độ pháp lý: {regime}", "Regime: {regime}"),
    # statistics
    "web.stats.title": ("Thống kê của Cục", "Office statistics"),
    "web.stats.lead": (
        "{n} hồ sơ đang chờ Cục xử lý, tính đến ngày {today}.",
        "{n} files waiting for the office on {today}.",
    ),
    "web.stats.chart_title": (
        "Tồn đọng theo bước so với thời hạn luật định",
        "Backlog by step against the legal limit",
    ),
    "web.stats.chart_desc": (
        "Mỗi thanh là tuổi trung vị của các hồ sơ đang chờ ở một bước; vạch đứt là thời hạn luật định; vạch đứng "
        "mảnh là phân vị 90; vạch đỏ là tỷ lệ quá hạn.",
        "Each bar is the median age of the files waiting at a step; the dashed line is the legal limit; the thin "
        "tick is the 90th percentile; the red strip is the share overdue.",
    ),
    "web.stats.bar_text": (
        "{n} hồ sơ, trung vị {median} ngày, {overdue}% quá hạn",
        "{n} files, median {median} days, {overdue}% overdue",
    ),
    "web.stats.legend_median": ("Tuổi trung vị", "Median age"),
    "web.stats.legend_limit": ("Thời hạn luật định", "Legal limit"),
    "web.stats.legend_overdue": ("Tỷ lệ quá hạn", "Share overdue"),
    "web.stats.files": ("Số hồ sơ", "Files"),
    "web.stats.median": ("Trung vị (ngày)", "Median (days)"),
    "web.stats.p90": ("P90 (ngày)", "P90 (days)"),
    "web.stats.limit": ("Hạn luật (ngày)", "Legal limit (days)"),
    "web.stats.overdue": ("Quá hạn", "Overdue"),
    # gazette
    "web.nav.gazette": ("Công báo", "Gazette"),
    "web.gazette.title": ("Công báo sở hữu công nghiệp", "Industrial Property Official Gazette"),
    "web.gazette.lead": (
        "Các đơn đã được công bố, theo tháng công bố (Luật SHTT Điều 110).",
        "Applications published, by month of publication (Law on IP Art. 110).",
    ),
    "web.gazette.issues": ("Các số công báo", "Issues"),
    "web.gazette.issue": ("Số tháng {month}", "Issue of {month}"),
    # guides
    "web.guides.title": ("Hướng dẫn cho người nộp đơn lần đầu", "Guides for first-time filers"),
    "web.guides.lead": (
        "Dành cho sinh viên, doanh nghiệp khởi nghiệp và doanh nghiệp nhỏ: bảo hộ được gì, các bước, chi phí và "
        "thời gian.",
        "For students, startups and small firms: what can be protected, the steps, the costs and the times.",
    ),
    "web.guides.disclaimer": (
        "Hướng dẫn này chỉ để tham khảo; Luật Sở hữu trí tuệ và các văn bản hướng dẫn là căn cứ pháp lý.",
        "This guide is for orientation only; the Law on Intellectual Property and its decrees are the legal basis.",
    ),
    "web.guide.trademark.title": ("Nhãn hiệu", "Trademarks"),
    "web.guide.trademark.what": (
        "Nhãn hiệu là dấu hiệu (chữ, hình, màu sắc...) giúp phân biệt hàng hóa, dịch vụ của bạn với của người "
        "khác (Luật SHTT Điều 72). Văn bằng có hiệu lực 10 năm và có thể gia hạn nhiều lần.",
        "A trademark is a sign (words, images, colours ...) that tells your goods or services apart from others' "
        "(Law on IP Art. 72). A registration lasts 10 years and can be renewed again and again.",
    ),
    "web.guide.trademark.step1": (
        "Tra cứu trước: tìm các nhãn hiệu giống hoặc tương tự trong cùng nhóm hàng hóa, dịch vụ.",
        "Search first: look for the same or similar marks for the same kind of goods or services.",
    ),
    "web.guide.trademark.step2": (
        "Chọn nhóm Nice và liệt kê sản phẩm, dịch vụ; dùng tên có sẵn trong danh mục giúp thẩm định nhanh hơn.",
        "Choose the Nice classes and list the goods and services; terms from the Nice list are examined faster.",
    ),
    "web.guide.trademark.step3": (
        "Nộp đơn và nộp phí. Cục thẩm định hình thức, công bố đơn trên Công báo, rồi thẩm định nội dung.",
        "File and pay. The office checks the formalities, publishes the application in the Gazette, then "
        "examines it in substance.",
    ),
    "web.guide.trademark.step4": (
        "Theo dõi thời hạn trên trang hồ sơ và trả lời thông báo của Cục đúng hạn.",
        "Follow the statutory clock on the file's page and answer the office's letters in time.",
    ),
    "web.guide.invention.title": ("Sáng chế", "Inventions"),
    "web.guide.invention.what": (
        "Sáng chế là giải pháp kỹ thuật mới, có trình độ sáng tạo và có khả năng áp dụng công nghiệp (Điều 58). "
        "Bằng độc quyền sáng chế có hiệu lực tối đa 20 năm, phải nộp phí duy trì hằng năm.",
        "An invention is a technical solution that is new, involves an inventive step and is industrially "
        "applicable (Art. 58). A patent lasts up to 20 years, with yearly maintenance fees.",
    ),
    "web.guide.invention.step1": (
        "Giữ bí mật giải pháp cho đến khi nộp đơn: công bố trước có thể làm mất tính mới.",
        "Keep the solution secret until you file: disclosing it first can destroy its novelty.",
    ),
    "web.guide.invention.step2": (
        "Chuẩn bị bản mô tả, yêu cầu bảo hộ và hình vẽ; nên nhờ đại diện sở hữu công nghiệp.",
        "Prepare the description, the claims and the drawings; an IP representative helps.",
    ),
    "web.guide.invention.step3": (
        "Nộp đơn; đơn được công bố và bạn phải yêu cầu thẩm định nội dung trong thời hạn luật định.",
        "File; the application is published and you must request substantive examination within the legal time "
        "limit.",
    ),
    "web.guide.invention.step4": (
        "Dùng trang Tính thời hạn để biết các mốc của đơn của bạn.",
        "Use the deadline calculator to see the dates of your own application.",
    ),
    "web.guide.design.title": ("Kiểu dáng công nghiệp", "Industrial designs"),
    "web.guide.design.what": (
        "Kiểu dáng công nghiệp là hình dáng bên ngoài của sản phẩm, phải mới, sáng tạo và áp dụng công nghiệp "
        "được (Điều 63). Văn bằng có hiệu lực 5 năm, gia hạn được hai lần.",
        "An industrial design is the outward appearance of a product; it must be new, creative and industrially "
        "applicable (Art. 63). A registration lasts 5 years and can be renewed twice.",
    ),
    "web.guide.design.step1": (
        "Chụp hoặc vẽ đủ các mặt của sản phẩm.",
        "Photograph or draw every side of the product.",
    ),
    "web.guide.design.step2": (
        "Chọn phân loại Locarno cho sản phẩm.",
        "Choose the Locarno class of the product.",
    ),
    "web.guide.design.step3": (
        "Nộp đơn và nộp phí; đơn được thẩm định hình thức, công bố và thẩm định nội dung.",
        "File and pay; the application is checked, published and examined.",
    ),
    "web.guide.design.step4": (
        "Theo dõi thời hạn trên trang hồ sơ.",
        "Follow the statutory clock on the file's page.",
    ),
    "web.guide.costs.title": ("Chi phí và thời gian", "Costs and times"),
    "web.guide.costs.what": (
        "Phí nộp đơn, thẩm định và cấp văn bằng theo biểu phí của Bộ Tài chính; trang Tính phí cho biết số tiền "
        "chính xác theo đơn của bạn.",
        "Filing, examination and grant fees follow the Ministry of Finance tariff; the fee calculator gives the "
        "exact amounts for your application.",
    ),
    "web.guide.costs.step1": ("Mỗi nhóm Nice thêm làm tăng phí.", "Each extra Nice class adds to the fees."),
    "web.guide.costs.step2": ("Nộp trực tuyến có thể được giảm phí.", "Filing online may reduce some fees."),
    "web.guide.costs.step3": (
        "Thời hạn xử lý của từng bước được luật quy định; trang Thống kê cho thấy thực tế đang chờ bao lâu.",
        "The law fixes how long each step may take; the statistics page shows how long files actually wait.",
    ),
    "web.guide.costs.step4": (
        "Phí duy trì và gia hạn phải nộp đúng hạn để giữ quyền.",
        "Maintenance and renewal fees must be paid on time to keep the right.",
    ),
    # nice picker and e-filing
    "web.nice.title": ("Tra cứu danh mục hàng hóa, dịch vụ Nice", "Nice goods and services"),
    "web.nice.term": ("Tìm sản phẩm/dịch vụ (tiếng Anh)", "Find goods/services (English list)"),
    "web.efile.title": ("Nộp đơn đăng ký nhãn hiệu", "File a trademark application"),
    "web.efile.lead": (
        "Điền các thông tin dưới đây. Ngày nộp đơn là hôm nay; số đơn được cấp ngay khi nộp.",
        "Fill in the form below. The filing date is today; the application number is given when you submit.",
    ),
    "web.efile.mark": ("Nhãn hiệu", "The mark"),
    "web.efile.mark_text": ("Phần chữ của nhãn hiệu", "Words of the mark"),
    "web.efile.check": ("Kiểm tra nhãn hiệu tương tự", "Check for similar marks"),
    "web.efile.similar_found": (
        "Có {n} nhãn hiệu có thể gây nhầm lẫn. Bạn vẫn có thể nộp đơn; thẩm định viên sẽ đánh giá.",
        "{n} earlier marks may be confusingly similar. You may still file; the examiner will decide.",
    ),
    "web.efile.similar_none": (
        "Không thấy nhãn hiệu tương tự trong đăng bạ.",
        "No similar mark found in the register.",
    ),
    "web.efile.applicant": ("Người nộp đơn", "Applicant"),
    "web.efile.applicant_name": ("Tên người nộp đơn", "Applicant's name"),
    "web.efile.address": ("Địa chỉ", "Address"),
    "web.efile.country": ("Mã nước (2 chữ)", "Country code (2 letters)"),
    "web.efile.kind": ("Loại chủ thể", "Kind"),
    "web.efile.organisation": ("Tổ chức", "Organisation"),
    "web.efile.individual": ("Cá nhân", "Individual"),
    "web.efile.representative": ("Đại diện sở hữu công nghiệp", "IP representative"),
    "web.efile.representative_hint": (
        "Bắt buộc đối với người nộp đơn nước ngoài (Luật SHTT Điều 89).",
        "Required for a foreign applicant (Law on IP Art. 89).",
    ),
    "web.efile.representative_name": ("Tên tổ chức đại diện", "Representative's name"),
    "web.efile.representative_number": ("Số đăng ký đại diện", "Representative's registration no."),
    "web.efile.goods": ("Hàng hóa, dịch vụ (phân loại Nice)", "Goods and services (Nice classification)"),
    "web.efile.goods_hint": (
        "Chọn nhóm và ghi mỗi sản phẩm/dịch vụ trên một dòng. Tìm tên trong danh mục Nice bằng ô tìm kiếm.",
        "Choose a class and write one product or service per line. Find listed terms with the search box.",
    ),
    "web.efile.class_n": ("Nhóm {n}", "Class {n}"),
    "web.efile.terms": ("Sản phẩm/dịch vụ (mỗi dòng một mục)", "Goods/services (one per line)"),
    "web.nav.file_invention": ("Nộp đơn sáng chế", "File an invention"),
    "web.einv.title": (
        "Nộp đơn đăng ký sáng chế / giải pháp hữu ích",
        "File an invention or utility solution",
    ),
    "web.einv.lead": (
        "Ngày nộp đơn là hôm nay. Phí phụ thuộc số điểm độc lập và số trang bản mô tả.",
        "The filing date is today. Fees depend on the independent claims and the description pages.",
    ),
    "web.einv.solution": ("Giải pháp kỹ thuật", "The technical solution"),
    "web.einv.title_field": ("Tên sáng chế", "Title"),
    "web.einv.ipc": ("Phân loại IPC (cách nhau bởi dấu phẩy)", "IPC symbols (comma separated)"),
    "web.einv.inventors": ("Tác giả (mỗi dòng một người)", "Inventors (one per line)"),
    "web.einv.description": ("Bản mô tả và yêu cầu bảo hộ (PDF)", "Description and claims (PDF)"),
    "web.nav.file_design": ("Nộp đơn kiểu dáng", "File a design"),
    "web.edes.title": ("Nộp đơn đăng ký kiểu dáng công nghiệp", "File an industrial design"),
    "web.edes.lead": (
        "Ngày nộp đơn là hôm nay. Tải lên các hình ảnh thể hiện kiểu dáng (PNG hoặc JPEG).",
        "The filing date is today. Upload the views of the design (PNG or JPEG).",
    ),
    "web.edes.product": ("Sản phẩm", "The product"),
    "web.edes.title_field": ("Tên sản phẩm mang kiểu dáng", "Product bearing the design"),
    "web.edes.locarno": ("Phân loại Locarno (ví dụ 06-01)", "Locarno classes (e.g. 06-01)"),
    "web.edes.authors": ("Tác giả (mỗi dòng một người)", "Designers (one per line)"),
    "web.edes.variants": ("Số phương án", "Variants"),
    "web.edes.views": (
        "Bộ ảnh chụp / bản vẽ (PNG, JPEG; chọn nhiều tệp)",
        "Views (PNG, JPEG; several files)",
    ),
    "web.edes.bad_locarno": ("Ký hiệu Locarno không hợp lệ: '{value}'", "Invalid Locarno class: '{value}'"),
    "web.nav.file_gi": ("Nộp đơn chỉ dẫn địa lý", "File a GI"),
    "web.egi.title": ("Nộp đơn đăng ký chỉ dẫn địa lý", "File a geographical indication"),
    "web.egi.lead": (
        "Quyền đăng ký chỉ dẫn địa lý thuộc về Nhà nước; người nộp đơn là tổ chức được phép nộp (Luật SHTT Điều 88).",
        "The right to register a GI belongs to the State; the applicant is an organisation allowed to file "
        "(Law on IP Art. 88).",
    ),
    "web.egi.indication": ("Chỉ dẫn địa lý", "The indication"),
    "web.egi.title_field": ("Tên chỉ dẫn địa lý", "Name of the indication"),
    "web.egi.products": ("Sản phẩm mang chỉ dẫn địa lý", "Products bearing the indication"),
    "web.egi.area": ("Khu vực địa lý", "Geographical area"),
    "web.egi.area_map": ("Bản đồ khu vực (PDF, PNG, JPEG)", "Map of the area (PDF, PNG, JPEG)"),
    "web.egi.management_organisation": ("Tổ chức quản lý chỉ dẫn địa lý", "Management organisation"),
    "web.efile.bad_kind": ("Loại chủ thể không hợp lệ: {value}", "Invalid kind of applicant: {value}"),
    "web.efile.submit": ("Nộp đơn", "Submit the application"),
    "web.filing.bad_key": ("Khóa chống nộp trùng không hợp lệ", "Invalid idempotency key"),
    "web.filing.key_reused": (
        "Khóa chống nộp trùng này đã được dùng cho một đơn khác",
        "This idempotency key was already used for a different submission",
    ),
    # accounts
    "web.signup.lead": (
        "Tài khoản người nộp đơn để nộp đơn trực tuyến và theo dõi hồ sơ.",
        "An applicant account to file online and follow your files.",
    ),
    "web.auth.username": ("Tên đăng nhập", "Username"),
    "web.auth.display_name": ("Họ tên hoặc tên tổ chức", "Full name or organisation"),
    "web.auth.email": ("Thư điện tử", "Email"),
    "web.auth.password": ("Mật khẩu", "Password"),
    "web.auth.bad_username": ("Tên đăng nhập không hợp lệ", "Invalid username"),
    "web.auth.short_password": (
        "Mật khẩu phải có ít nhất {min} ký tự",
        "The password must have at least {min} characters",
    ),
    "web.auth.username_taken": (
        "Tên đăng nhập {username} đã có người dùng",
        "The username {username} is taken",
    ),
    "web.auth.bad_login": ("Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"),
    "web.auth.bad_token": (
        "Mã truy cập API không hợp lệ hoặc đã hết hạn",
        "The API token is invalid or expired",
    ),
    "web.auth.required": ("Bạn cần đăng nhập", "You need to log in"),
    "web.auth.forbidden": (
        "Vai trò {role} không được thực hiện thao tác này",
        "The role {role} may not do this",
    ),
    "web.auth.not_yours": (
        "Đơn này không do tài khoản của bạn nộp",
        "This application was not filed by your account",
    ),
    "web.auth.csrf": (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và gửi lại",
        "The form has expired or is invalid; reload the page and submit again",
    ),
    "web.auth.rate_limited": (
        "Đăng nhập sai quá nhiều lần; hãy thử lại sau {seconds} giây",
        "Too many failed logins; try again in {seconds} seconds",
    ),
    "web.auth.bad_role": ("Vai trò không tồn tại: {value}", "Unknown role: {value}"),
    "web.account.title": ("Tài khoản của tôi", "My account"),
    "web.account.files": ("Đơn của tôi", "My applications"),
    "web.account.no_files": ("Bạn chưa nộp đơn nào.", "You have not filed anything yet."),
    "web.account.next_deadline": ("Thời hạn gần nhất", "Next deadline"),
    "web.account.api": ("Truy cập API", "API access"),
    "web.account.token_once": (
        "Mã này chỉ hiển thị một lần; hãy lưu lại.",
        "This token is shown once; keep it.",
    ),
    "web.account.new_token": ("Tạo mã truy cập API", "Create an API token"),
    "web.userrole.public": ("Công chúng", "Public"),
    "web.userrole.applicant": ("Người nộp đơn", "Applicant"),
    "web.userrole.agent": ("Đại diện sở hữu công nghiệp", "IP agent"),
    "web.userrole.examiner": ("Thẩm định viên", "Examiner"),
    "web.userrole.registrar": ("Cán bộ đăng bạ", "Registrar"),
    "web.userrole.admin": ("Quản trị", "Administrator"),
    "web.users.add": ("Thêm người dùng", "Add a user"),
    "web.users.role": ("Vai trò", "Role"),
    "web.audit.at": ("Thời điểm", "When"),
    "web.audit.actor": ("Người thực hiện", "Who"),
    "web.audit.action": ("Thao tác", "Action"),
    "web.audit.entity": ("Bảng", "Table"),
    "web.audit.change": ("Thay đổi", "Change"),
    # uploads
    "web.upload.empty": ("Tệp tải lên rỗng", "The uploaded file is empty"),
    "web.upload.too_large": (
        "Tệp quá lớn: {size} byte (tối đa {limit} byte)",
        "The file is too large: {size} bytes (at most {limit})",
    ),
    "web.upload.bad_type": (
        "Chỉ nhận tệp {allowed} (kiểm tra theo nội dung tệp)",
        "Only {allowed} files are accepted (checked by content)",
    ),
    "web.upload.bad_doc_type": ("Loại tài liệu không hợp lệ: {value}", "Unknown document category: {value}"),
    "web.efile.mark_image": (
        "Mẫu nhãn hiệu (PNG hoặc JPEG, không bắt buộc)",
        "Image of the mark (PNG or JPEG, optional)",
    ),
    # reference tables
    "web.nav.reference": ("Bảng tham chiếu", "Reference tables"),
    "web.ref.tariffs": ("Biểu phí, lệ phí", "Fee tariffs"),
    "web.ref.holidays": ("Lịch ngày nghỉ", "Working calendar"),
    "web.ref.readonly": (
        "Chỉ xem: thay đổi là một chế độ pháp lý hoặc dòng dữ liệu mới, được rà soát như mã nguồn.",
        "Read only: a change is a new legal regime or data row, reviewed like code.",
    ),
    "web.ref.in_force": ("Hiệu lực từ {start} đến {end}", "In force from {start} to {end}"),
    "web.ref.code": ("Mã", "Code"),
    "web.ref.stage": ("Giai đoạn", "Stage"),
    "web.ref.years": ("Năm", "Years"),
    "web.ref.kind": ("Loại ngày", "Kind"),
    "web.ref.status": ("Nguồn", "Source"),
    "web.ref.kind.holiday": ("Ngày lễ", "Public holiday"),
    "web.ref.kind.day_off": ("Ngày nghỉ bù / nghỉ thêm", "Day off"),
    "web.ref.kind.working_day": ("Ngày làm bù", "Make-up working day"),
    "web.ref.status.statutory": ("Theo luật", "Statutory"),
    "web.ref.status.announced": ("Đã công bố", "Announced"),
    "web.ref.status.projected": ("Dự kiến (cần kiểm tra)", "Projected (to verify)"),
    # requests
    "web.request.examination": ("Yêu cầu thẩm định nội dung", "Request substantive examination"),
    "web.request.sent": ("Cục đã nhận yêu cầu của bạn.", "The office has received your request."),
    "web.request.not_now": (
        "Không thể gửi yêu cầu '{value}' ở bước này",
        "The request '{value}' cannot be made at this step",
    ),
    # replies
    "web.reply.title": ("Trả lời thông báo của Cục", "Reply to the office"),
    "web.reply.text": ("Nội dung trả lời", "Your reply"),
    "web.reply.file": ("Tài liệu kèm theo (PDF, PNG, JPEG)", "Attachment (PDF, PNG, JPEG)"),
    "web.reply.send": ("Gửi trả lời", "Send the reply"),
    "web.reply.sent": ("Cục đã nhận được trả lời của bạn.", "The office has received your reply."),
    "web.reply.empty": (
        "Hãy viết nội dung trả lời hoặc đính kèm tài liệu",
        "Write a reply or attach a document",
    ),
    # letters
    "web.letter.office": ("CỤC SỞ HỮU TRÍ TUỆ", "INTELLECTUAL PROPERTY OFFICE"),
    "web.letter.motto": ("(văn bản tạo từ mẫu — ipoffice)", "(letter produced from a template — ipoffice)"),
    "web.letter.date": ("Ngày {date}", "Date: {date}"),
    "web.letter.ref": ("Số tham chiếu: {number}/{seq}", "Reference: {number}/{seq}"),
    "web.letter.to": ("Kính gửi", "To"),
    "web.letter.subject": ("V/v: {what}", "Re: {what}"),
    "web.letter.about": (
        "Đơn số {number} ({right}) «{name}», nộp ngày {filed}.",
        "Application {number} ({right}) «{name}», filed on {filed}.",
    ),
    "web.letter.basis": ("Căn cứ: {basis}.", "Legal basis: {basis}."),
    "web.letter.reply": (
        "Người nộp đơn cần thực hiện «{step}» chậm nhất vào ngày {due} ({basis}).",
        "The applicant must act («{step}») no later than {due} ({basis}).",
    ),
    "web.letter.signed": ("Người ký: {actor}", "Signed: {actor}"),
    "web.letter.back": ("Quay lại hồ sơ", "Back to the file"),
    "web.letter.link": ("Văn bản", "Letter"),
    "web.letter.none": (
        "Không có văn bản cho bước {sequence} của đơn {number}",
        "No letter for step {sequence} of {number}",
    ),
    "web.letter.body.formality_accepted": (
        "Cục thông báo đơn đã được chấp nhận là hợp lệ về hình thức.",
        "The office informs you that the application has been accepted as formally valid.",
    ),
    "web.letter.body.formality_deficiency_notified": (
        "Qua thẩm định hình thức, đơn có các thiếu sót sau đây. Người nộp đơn cần sửa chữa hoặc có ý kiến phản hồi.",
        "The formality examination found the following deficiencies. Please correct them or reply.",
    ),
    "web.letter.body.published": (
        "Đơn đã được công bố trên Công báo sở hữu công nghiệp.",
        "The application has been published in the Industrial Property Official Gazette.",
    ),
    "web.letter.body.office_action_issued": (
        "Qua thẩm định nội dung, Cục có ý kiến như sau. Người nộp đơn có thể sửa đổi đơn hoặc phản hồi.",
        "The substantive examination raises the following points. You may amend the application or reply.",
    ),
    "web.letter.body.intended_grant_notified": (
        "Cục dự định cấp văn bằng bảo hộ. Người nộp đơn cần nộp phí, lệ phí cấp văn bằng.",
        "The office intends to grant the right. Please pay the grant fees.",
    ),
    "web.letter.body.intended_refusal_notified": (
        "Cục dự định từ chối cấp văn bằng bảo hộ vì các lý do sau. Người nộp đơn có thể phản hồi.",
        "The office intends to refuse protection for the following reasons. You may reply.",
    ),
    "web.letter.body.granted": (
        "Cục quyết định cấp văn bằng bảo hộ.",
        "The office has decided to grant the right.",
    ),
    "web.letter.body.refused": (
        "Cục quyết định từ chối cấp văn bằng bảo hộ vì các lý do sau.",
        "The office has decided to refuse protection for the following reasons.",
    ),
    # command line
    "web.cli.user_added": ("Đã tạo người dùng {username} ({role})", "User {username} ({role}) created"),
    "web.cli.password_mismatch": ("Hai mật khẩu không khớp", "The two passwords differ"),
    # errors
    "web.error.invalid": (
        "Dữ liệu không hợp lệ ở trường {field}: {detail}",
        "Invalid input in {field}: {detail}",
    ),
    "web.error.range": (
        "Giá trị '{value}' phải là số từ {lo} đến {hi}",
        "The value '{value}' must be a number from {lo} to {hi}",
    ),
    "web.error.internal": (
        "Đã có lỗi trong hệ thống; không có dữ liệu nào bị ghi dở. Hãy thử lại sau.",
        "Something went wrong on our side; nothing was half-written. Please try again later.",
    ),
    "web.http.404": ("Không tìm thấy trang", "Page not found"),
    "web.http.405": ("Phương thức không được phép", "Method not allowed"),
    "web.http.other": (
        "Yêu cầu không thực hiện được (mã {status})",
        "The request could not be served (status {status})",
    ),
    "web.api.if_match_required": (
        "Cần gửi tiêu đề If-Match với ETag của hồ sơ",
        "Send an If-Match header with the file's ETag",
    ),
    "web.api.stale": (
        "Hồ sơ đã thay đổi (hiện là {actual}, bạn gửi {expected}); hãy tải lại",
        "The file has changed (now {actual}, you sent {expected}); reload it",
    ),
    "web.api.no_document": ("Không có tài liệu công bố số {id}", "No published document {id}"),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _M.items()})

# requests on the portfolio, recordals, opposition (holder_requests)
_REQUESTS: dict[str, tuple[str, str]] = {
    "web.form.required": ("Trường này là bắt buộc", "This field is required"),
    "web.form.bad_date": ("Ngày '{value}' không hợp lệ (YYYY-MM-DD)", "'{value}' is not a date (YYYY-MM-DD)"),
    "web.form.bad_number": ("'{value}' không phải là số", "'{value}' is not a number"),
    "web.request.renewal": ("Gia hạn hiệu lực văn bằng", "Renew the registration"),
    "web.request.annuity": ("Nộp phí duy trì hiệu lực", "Pay the annuity"),
    "web.maintenance.title": ("Duy trì, gia hạn", "Maintenance and renewal"),
    "web.maintenance.renewal": (
        "Gia hạn lần {occurrence}: hạn {due}, nộp từ {opens}, nộp muộn đến {grace_end}",
        "Renewal {occurrence}: due {due}, open from {opens}, late until {grace_end}",
    ),
    "web.maintenance.annuity": (
        "Phí duy trì năm thứ {occurrence}: hạn {due}, nộp từ {opens}, nộp muộn đến {grace_end}",
        "Annuity for year {occurrence}: due {due}, open from {opens}, late until {grace_end}",
    ),
    "web.maintenance.fee": ("Lệ phí hôm nay: {amount}", "Fee today: {amount}"),
    "web.maintenance.late": (
        "Đang trong thời gian nộp muộn: phí đã gồm khoản nộp muộn theo biểu phí",
        "In the grace period: the fee includes the tariff's late surcharge",
    ),
    "web.renewal.none": (
        "Văn bằng {number} không có kỳ gia hạn nào",
        "Title {number} has no renewal to make",
    ),
    "web.renewal.too_early": (
        "Chỉ được yêu cầu gia hạn từ ngày {opens} (hạn {due}) — Điều 94 Luật SHTT",
        "Renewal can be requested from {opens} (due {due}) — Law on IP Art. 94",
    ),
    "web.renewal.after_grace": (
        "Đã hết thời hạn nộp muộn ({grace_end}); văn bằng chấm dứt hiệu lực — Điều 94, 95 Luật SHTT",
        "The grace period ended on {grace_end}; the right has lapsed — Law on IP Art. 94, 95",
    ),
    "web.renewal.done": (
        "Đã gia hạn và ghi nhận thanh toán (cổng THỬ NGHIỆM).",
        "Renewed; payment recorded (TEST gateway).",
    ),
    "web.annuity.none": (
        "Văn bằng {number} không có năm phí duy trì nào chưa nộp",
        "Title {number} has no unpaid annuity",
    ),
    "web.recordal.title": ("Yêu cầu ghi nhận", "Request a recordal"),
    "web.recordal.kind": ("Loại yêu cầu", "Kind of request"),
    "web.recordal.assignment": ("Chuyển nhượng", "Assignment"),
    "web.recordal.licence": ("Hợp đồng sử dụng (li-xăng)", "Licence"),
    "web.recordal.pledge": ("Cầm cố, thế chấp", "Pledge"),
    "web.recordal.change_name": ("Thay đổi tên chủ sở hữu", "Change of the holder's name"),
    "web.recordal.change_address": ("Thay đổi địa chỉ chủ sở hữu", "Change of the holder's address"),
    "web.recordal.party_name": ("Bên nhận (tên)", "Other party (name)"),
    "web.recordal.party_address": ("Bên nhận (địa chỉ)", "Other party (address)"),
    "web.recordal.exclusive": ("Độc quyền", "Exclusive"),
    "web.recordal.territory": ("Lãnh thổ", "Territory"),
    "web.recordal.start": ("Từ ngày", "From"),
    "web.recordal.end": ("Đến ngày", "Until"),
    "web.recordal.secured_amount": ("Số tiền được bảo đảm (₫)", "Secured amount (₫)"),
    "web.recordal.new_name": ("Tên mới", "New name"),
    "web.recordal.new_address": ("Địa chỉ mới", "New address"),
    "web.recordal.submit": ("Gửi yêu cầu ghi nhận", "Send the recordal request"),
    "web.recordal.sent": (
        "Đã gửi yêu cầu ghi nhận; Cục sẽ xem xét và ghi vào sổ đăng ký.",
        "Recordal request sent; the office will examine it and enter it in the register.",
    ),
    "web.recordal.bad_kind": ("Loại ghi nhận '{value}' không có", "There is no recordal kind '{value}'"),
    "web.recordal.not_pending": ("Yêu cầu {value} không còn chờ xử lý", "Request {value} is not pending"),
    "web.recordal.queue": ("Yêu cầu ghi nhận chờ duyệt", "Recordal requests awaiting decision"),
    "web.recordal.none_pending": ("Không có yêu cầu nào chờ duyệt.", "No request is waiting."),
    "web.recordal.approve": ("Ghi nhận vào sổ", "Record in the register"),
    "web.recordal.reject": ("Từ chối", "Reject"),
    "web.recordal.pending_here": ("Yêu cầu ghi nhận đang chờ: {kinds}", "Recordal requests pending: {kinds}"),
    "web.opposition.title": ("Phản đối cấp văn bằng", "Oppose the grant"),
    "web.opposition.window": (
        "Người thứ ba có thể phản đối đến hết ngày {due} (Điều 112a Luật SHTT).",
        "A third party may oppose until {due} (Law on IP Art. 112a).",
    ),
    "web.opposition.opponent_name": ("Người phản đối (tên)", "Opponent (name)"),
    "web.opposition.opponent_address": ("Địa chỉ", "Address"),
    "web.opposition.ground_article": ("Căn cứ (điều luật)", "Ground (article of law)"),
    "web.opposition.ground_text": ("Lý do", "Reasons"),
    "web.opposition.submit": ("Nộp đơn phản đối", "File the opposition"),
    "web.opposition.filed": ("Đã nhận đơn phản đối, số vụ việc {case}.", "Opposition received, case {case}."),
    "web.opposition.own": (
        "Người nộp đơn không thể phản đối đơn của chính mình",
        "An applicant cannot oppose its own application",
    ),
    "web.opposition.late": (
        "Đã hết thời hạn phản đối đơn {number} ngày {due} (Điều 112a Luật SHTT)",
        "The opposition period for {number} ended on {due} (Law on IP Art. 112a)",
    ),
    "web.opposition.not_published": (
        "Đơn {number} chưa được công bố nên chưa thể phản đối (Điều 112a Luật SHTT)",
        "Application {number} is not published yet, so it cannot be opposed (Law on IP Art. 112a)",
    ),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _REQUESTS.items()})

# the IP marketplace (ipoffice.web.market)
_MARKET: dict[str, tuple[str, str]] = {
    "web.market.title": ("Sàn giao dịch quyền SHTT", "IP marketplace"),
    "web.market.lead": (
        "Chủ sở hữu, trường đại học, viện nghiên cứu và doanh nghiệp khởi nghiệp chào chuyển giao hoặc bán quyền "
        "sở hữu công nghiệp. Cục chỉ kết nối các bên; hợp đồng được ghi nhận sau qua yêu cầu ghi nhận.",
        "Owners, universities, institutes and startups offer industrial property rights for licence or sale. The "
        "office only connects the parties; the contract is then recorded through a recordal request.",
    ),
    "web.market.new": ("Chào bán / chuyển giao một quyền", "Offer a right"),
    "web.market.q": ("Tên, số đơn, chủ sở hữu", "Name, number, owner"),
    "web.market.cls": ("Phân loại (Nice, IPC, Locarno)", "Class (Nice, IPC, Locarno)"),
    "web.market.owner_type": ("Loại chủ sở hữu", "Owner type"),
    "web.market.owner.company": ("Doanh nghiệp", "Company"),
    "web.market.owner.startup": ("Khởi nghiệp", "Startup"),
    "web.market.owner.university": ("Trường đại học", "University"),
    "web.market.owner.institute": ("Viện nghiên cứu", "Research institute"),
    "web.market.owner.individual": ("Cá nhân", "Individual"),
    "web.market.offer": ("Hình thức", "Offer"),
    "web.market.offer.licence": ("Chuyển quyền sử dụng (li-xăng)", "Licence"),
    "web.market.offer.sale": ("Chuyển nhượng", "Sale"),
    "web.market.offer.either": ("Li-xăng hoặc chuyển nhượng", "Licence or sale"),
    "web.market.terms": ("Điều kiện", "Terms"),
    "web.market.publish": ("Đăng lên sàn", "Publish the offer"),
    "web.market.none": ("Không có quyền nào phù hợp.", "No matching offer."),
    "web.market.message": ("Lời nhắn cho chủ sở hữu", "Message to the owner"),
    "web.market.contact": ("Liên hệ chủ sở hữu", "Contact the owner"),
    "web.market.sent": ("Đã gửi lời nhắn đến chủ sở hữu.", "Your message was sent to the owner."),
    "web.market.login_to_contact": ("Đăng nhập để liên hệ chủ sở hữu", "Log in to contact the owner"),
    "web.market.withdraw": ("Rút khỏi sàn", "Withdraw"),
    "web.market.contacts": ("Yêu cầu liên hệ nhận được", "Contact requests received"),
    "web.market.no_contacts": ("Chưa có yêu cầu liên hệ.", "No contact request yet."),
    "web.market.not_yours": ("Bạn không phải người nộp đơn {number}", "You are not the filer of {number}"),
    "web.market.closed": (
        "Hồ sơ {number} ({status}) không thể chào bán",
        "File {number} ({status}) cannot be offered",
    ),
    "web.market.bad_choice": ("Lựa chọn '{value}' không hợp lệ", "'{value}' is not a valid choice"),
    "web.market.terms_length": ("Điều kiện cần từ 10 đến 4000 ký tự", "The terms need 10 to 4000 characters"),
    "web.market.message_length": (
        "Lời nhắn cần từ 10 đến 4000 ký tự",
        "The message needs 10 to 4000 characters",
    ),
    "web.market.already_listed": ("Hồ sơ {number} đã có trên sàn", "File {number} is already listed"),
    "web.market.no_listing": ("Không có chào bán số {value}", "There is no offer {value}"),
    "web.market.own_listing": ("Bạn không thể liên hệ chính mình", "You cannot contact yourself"),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _MARKET.items()})

# API tokens (ipoffice.web.tokens)
_TOKENS: dict[str, tuple[str, str]] = {
    "web.token.label": ("Tên khóa", "Label"),
    "web.token.prefix": ("Bắt đầu bằng", "Starts with"),
    "web.token.created": ("Tạo ngày", "Created"),
    "web.token.last_used": ("Dùng lần cuối", "Last used"),
    "web.token.expires": ("Hết hạn", "Expires"),
    "web.token.revoke": ("Thu hồi", "Revoke"),
    "web.token.revoked": ("Đã thu hồi", "Revoked"),
    "web.token.not_found": ("Không có khóa API số {value}", "There is no API token {value}"),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _TOKENS.items()})

# renewal and annuity reminders (ipoffice.web.reminders)
_REMINDERS: dict[str, tuple[str, str]] = {
    "web.reminder.title": ("Nhắc hạn gia hạn và phí duy trì", "Renewal and annuity reminders"),
    "web.reminder.calendar": ("Hạn SHCN — ipoffice", "IP deadlines — ipoffice"),
    "web.reminder.none": (
        "Không có văn bằng nào cần gia hạn hay nộp phí duy trì.",
        "No title needs renewal or an annuity.",
    ),
    "web.reminder.feed": (
        "Đăng ký lịch (iCalendar) — giữ bí mật địa chỉ này:",
        "Subscribe in your calendar (iCalendar) — keep this address private:",
    ),
    "web.reminder.what": ("Việc", "What"),
    "web.reminder.bad_feed": (
        "Địa chỉ lịch không hợp lệ hoặc đã hết hiệu lực; lấy địa chỉ mới tại trang tài khoản",
        "This calendar address is invalid or no longer valid; get a new one from your account page",
    ),
    "web.reminder.opens": ("Mở từ", "Opens"),
    "web.reminder.due": ("Hạn", "Due"),
    "web.reminder.grace_end": ("Nộp muộn đến", "Late until"),
    "web.reminder.state": ("Tình trạng", "State"),
    "web.reminder.state.upcoming": ("Sắp tới", "Upcoming"),
    "web.reminder.state.open": ("Đang mở", "Open"),
    "web.reminder.state.grace": ("Nộp muộn (có phụ phí)", "Grace period (surcharge)"),
    "web.reminder.state.lapsed": ("Quá hạn nộp muộn", "Grace period over"),
    "web.reminder.renewal.opens": (
        "Mở nộp gia hạn lần {occurrence}: {number} {name}",
        "Renewal {occurrence} opens: {number} {name}",
    ),
    "web.reminder.renewal.due": (
        "Hạn gia hạn lần {occurrence}: {number} {name}",
        "Renewal {occurrence} due: {number} {name}",
    ),
    "web.reminder.renewal.grace_end": (
        "Hết hạn nộp muộn gia hạn lần {occurrence}: {number} {name}",
        "Last day (with surcharge) for renewal {occurrence}: {number} {name}",
    ),
    "web.reminder.annuity.opens": (
        "Mở nộp phí duy trì năm {occurrence}: {number} {name}",
        "Annuity year {occurrence} opens: {number} {name}",
    ),
    "web.reminder.annuity.due": (
        "Hạn phí duy trì năm {occurrence}: {number} {name}",
        "Annuity year {occurrence} due: {number} {name}",
    ),
    "web.reminder.annuity.grace_end": (
        "Hết hạn nộp muộn phí duy trì năm {occurrence}: {number} {name}",
        "Last day (with surcharge) for annuity year {occurrence}: {number} {name}",
    ),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _REMINDERS.items()})

# the trademark conflict search on the web: public pre-filing check, workbench panel, file history (ipoffice.web.marks)
_ASSIST: dict[str, tuple[str, str]] = {
    "web.nav.check": ("Tra cứu nhãn hiệu trước khi nộp", "Check a mark before filing"),
    "web.check.title": ("Tra cứu nhãn hiệu trước khi nộp đơn", "Check a mark before filing"),
    "web.check.lead": (
        "Nhập phần chữ của nhãn hiệu và các nhóm Nice: hệ thống liệt kê các nhãn hiệu đang có hiệu lực trong "
        "đăng bạ có thể gây nhầm lẫn, kèm lý do. Đây là cùng công cụ thẩm định viên sử dụng.",
        "Type the words of the mark and its Nice classes: the live marks of the register that may be confusingly "
        "similar are listed with the reasons. It is the same engine the examiners use.",
    ),
    "web.check.classes": ("Nhóm Nice (1-45, tối đa 3)", "Nice classes (1-45, up to 3)"),
    "web.check.privacy": (
        "Lần tra cứu này không được lưu: không ghi vào hồ sơ nào, không lưu nội dung tra cứu hay thông tin cá nhân.",
        "This check is not recorded: nothing is written to any file, and neither the query nor personal data is "
        "kept.",
    ),
    "web.check.unavailable": (
        "Chưa tra cứu được: không ghi được chỉ mục nhãn hiệu tại {path}; hãy báo quản trị viên",
        "The search is unavailable: the trademark index at {path} cannot be written; tell the administrator",
    ),
    "web.check.empty_mark": (
        "Hãy nhập phần chữ của nhãn hiệu cần tra cứu",
        "Type the words of the mark to check",
    ),
    "web.check.too_long": (
        "Nhãn hiệu dài {length} ký tự, vượt giới hạn {limit} ký tự",
        "The mark is {length} characters long, over the limit of {limit}",
    ),
    "web.assist.run": ("Tra cứu nhãn hiệu xung đột (ghi vào hồ sơ)", "Run the conflict search (recorded)"),
    "web.assist.run_again": ("Tra cứu lại (ghi vào hồ sơ)", "Search again (recorded)"),
    "web.assist.recorded_hint": (
        "Mỗi lần tra cứu được ghi vào nhật ký AI của hồ sơ: nội dung tra cứu, phiên bản công cụ và chỉ mục, "
        "kết quả hiển thị.",
        "Each search is recorded on the file's AI trail: the query, the engine and index versions, the results "
        "shown.",
    ),
    "web.assist.meta": (
        "Lần tra cứu số {id}, {at}, bởi {actor} (hồ sơ có {n} lần tra cứu)",
        "Search no. {id}, {at}, by {actor} ({n} searches on this file)",
    ),
    "web.assist.earlier_than": (
        "nhãn hiệu có ngày ưu tiên trước {date}",
        "marks with an earlier date than {date}",
    ),
    "web.assist.dim.visual": ("hình thức chữ", "visual"),
    "web.assist.dim.aural": ("phát âm", "aural"),
    "web.assist.dim.conceptual": ("ý nghĩa", "conceptual"),
    "web.assist.dim.containment": ("bao hàm", "containment"),
    "web.assist.dim.goods": ("hàng hoá/dịch vụ", "goods/services"),
    "web.assist.dim.mark": ("tổng về dấu hiệu", "mark overall"),
    "web.assist.decision": ("Xử lý", "Decision"),
    "web.assist.decision.cited": ("Viện dẫn là nhãn hiệu đối chứng", "Cited as conflicting"),
    "web.assist.decision.dismissed": ("Không xung đột", "Dismissed"),
    "web.assist.decision.noted": ("Ghi nhận", "Noted"),
    "web.assist.note": ("Ghi chú", "Note"),
    "web.assist.record": ("Ghi vào hồ sơ", "Record"),
    "web.assist.decided": (
        "Đã ghi quyết định vào nhật ký AI của hồ sơ.",
        "The decision is recorded on the file's AI trail.",
    ),
    "web.assist.bad_decision": (
        "Cách xử lý không hợp lệ: {value} (dùng: {allowed})",
        "Unknown decision: {value} (use: {allowed})",
    ),
    "web.assist.no_item": ("Hãy chọn kết quả cần xử lý", "Choose the result the decision is about"),
    "web.history.link": ("Lịch sử hồ sơ và nhật ký AI", "File history and AI trail"),
    "web.history.title": ("Lịch sử hồ sơ {number}", "History of file {number}"),
    "web.history.back": ("Quay lại hồ sơ", "Back to the file"),
    "web.history.export": (
        "Tải toàn bộ hồ sơ (JSON, kèm nhật ký AI)",
        "Download the file (JSON, AI trail included)",
    ),
    "web.history.chain_ok": ("Chuỗi băm của nhật ký AI nguyên vẹn.", "The AI trail's hash chain is intact."),
    "web.history.chain_bad": (
        "Chuỗi băm của nhật ký AI bị phá vỡ tại mục {id}.",
        "The AI trail's hash chain is broken at entry {id}.",
    ),
    "web.history.what": ("Nội dung", "What"),
    "web.history.detail": ("Chi tiết", "Details"),
    "web.history.assistant": ("Trợ lý", "Assistant"),
    "web.history.model": ("Công cụ", "Engine"),
    "web.history.index": ("Chỉ mục", "Index"),
    "web.history.query": ("Tra cứu", "Query"),
    "web.history.results": ("{n} kết quả hiển thị", "{n} results shown"),
    "web.history.of_use": ("lần tra cứu số {id}", "search no. {id}"),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _ASSIST.items()})


# prior-art search and IPC suggestion in the examiner's workbench (ipoffice.web.prior_art), recorded on the AI trail
_PRIOR_ART: dict[str, tuple[str, str]] = {
    "web.pa.title": ("Trợ giúp: tra cứu tình trạng kỹ thuật", "Assistance: prior-art search"),
    "web.pa.run": ("Tra cứu tình trạng kỹ thuật (ghi vào hồ sơ)", "Run the prior-art search (recorded)"),
    "web.pa.run_again": ("Tra cứu lại (ghi vào hồ sơ)", "Search again (recorded)"),
    "web.pa.hint": (
        "Tra cứu bằng tên, bản tóm tắt và yêu cầu bảo hộ của đơn; mỗi lần được ghi vào nhật ký AI của hồ sơ: nội "
        "dung tra cứu, phiên bản mô hình và chỉ mục, kết quả hiển thị.",
        "Searches with the application's title, abstract and claims; each use is recorded on the file's AI trail: "
        "the query, the model and index versions, the results shown.",
    ),
    "web.pa.before": ("tài liệu có ngày trước {date}", "documents dated before {date}"),
    "web.pa.terms": ("từ khoá đã tra", "terms searched"),
    "web.pa.why": (
        "Thứ hạng theo từ khoá (BM25): {bm25} · theo ngữ nghĩa: {dense}; các từ trùng với đơn được tô đậm",
        "Rank by words (BM25): {bm25} · by meaning: {dense}; the words shared with the application are marked",
    ),
    "web.pa.none": (
        "Không tìm thấy tài liệu nào có ngày trước ngày ưu tiên của đơn.",
        "No document dated before the application's priority date was found.",
    ),
    "web.pa.decision.cited": ("Viện dẫn (tài liệu đối chứng)", "Cited"),
    "web.pa.decision.dismissed": ("Không liên quan", "Dismissed"),
    "web.pa.decision.noted": ("Ghi nhận", "Noted"),
    "web.pa.not_patent": (
        "Hồ sơ {number} không phải đơn sáng chế hoặc giải pháp hữu ích: không tra cứu tình trạng kỹ thuật",
        "File {number} is not an invention or utility-solution application: no prior-art search",
    ),
    "web.ipc.title": ("Trợ giúp: gợi ý phân loại IPC", "Assistance: IPC suggestions"),
    "web.ipc.run": ("Gợi ý phân loại IPC (ghi vào hồ sơ)", "Suggest IPC symbols (recorded)"),
    "web.ipc.run_again": ("Gợi ý lại (ghi vào hồ sơ)", "Suggest again (recorded)"),
    "web.ipc.classifier": ("bộ phân loại", "classifier"),
    "web.ipc.level.subclass": ("phân lớp", "subclass"),
    "web.ipc.level.main_group": ("nhóm chính", "main group"),
    "web.ipc.confidence": ("độ tin cậy {value}%", "confidence {value}%"),
    "web.ipc.shares": (
        "phần từ tài liệu gần nhất: {knn} · phần từ bộ phân loại: {model}",
        "share from the nearest documents: {knn} · from the classifier: {model}",
    ),
    "web.ipc.evidence": ("Tài liệu làm căn cứ", "Evidence documents"),
    "web.ipc.no_evidence": (
        "không có tài liệu được phân loại ở ký hiệu này (gợi ý từ nội dung của bảng phân loại)",
        "no indexed document carries this symbol (suggested from the scheme's wording)",
    ),
    "web.ipc.none": ("Không có gợi ý nào.", "No suggestion."),
    "web.ipc.decision.accepted": ("Chấp nhận", "Accepted"),
    "web.ipc.decision.rejected": ("Không chấp nhận", "Rejected"),
}

i18n.register({k: {"vi": vi, "en": en} for k, (vi, en) in _PRIOR_ART.items()})
