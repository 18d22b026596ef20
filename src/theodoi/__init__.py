"""theodoi: theo dõi, đánh giá việc thực hiện kế hoạch Nghị quyết 57-NQ/TW."""
